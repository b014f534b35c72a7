package org.yimeng.donation.poster;

/** Everything one poster shows: the piggy-bank, its community and the organisation's public details. */
public record PosterFacts(String communityName, String piggyBankCode, String label, String place, PublicInfo info) {

    public String pageUrl() {
        return info.pageUrl(piggyBankCode);
    }

    /** The purpose, as the poster states it: the money pays only for this community's own volunteer activities. */
    public String purpose() {
        return "仅用于" + communityName + "的志愿服务活动，专款专用，收支定期公开";
    }
}
