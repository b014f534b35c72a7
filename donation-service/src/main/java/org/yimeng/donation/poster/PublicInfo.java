package org.yimeng.donation.poster;

/**
 * What the organisation running the collection must show at every collection point (公开募捐管理办法 §16), from
 * configuration ({@code public.*}, docs/donation-service.md "Poster"). {@code sample} is true while any of it is still
 * a development default: the poster then says in red that it is a sample not to be put up.
 */
public record PublicInfo(String baseUrl, String organisation, String registration, String qualification,
        String recordNumber, String contact, String complaint, String lookup, boolean sample) {

    /** The public page of a piggy-bank, the URL its QR opens: {@code <base>/p/<code>}. */
    public String pageUrl(String piggyBankCode) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/p/" + piggyBankCode;
    }
}
