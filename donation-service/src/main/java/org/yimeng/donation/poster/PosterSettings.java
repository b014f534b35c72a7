package org.yimeng.donation.poster;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public details of the organisation that runs the collection ({@code public.*}, documented in
 * docs/donation-service.md "Poster"). The defaults say 本地运行示例 so that no one takes a development poster for a
 * real one; production sets every key (PUBLIC_ORGANISATION_NAME, ...).
 */
@ApplicationScoped
public class PosterSettings {
    static final String SAMPLE = "本地运行示例";

    @ConfigProperty(name = "public.base-url", defaultValue = "http://localhost:8081")
    String baseUrl;

    @ConfigProperty(name = "public.organisation.name", defaultValue = SAMPLE + "慈善组织（未配置）")
    String organisation;

    @ConfigProperty(name = "public.organisation.registration", defaultValue = SAMPLE + "（未配置统一社会信用代码）")
    String registration;

    @ConfigProperty(name = "public.organisation.qualification", defaultValue = SAMPLE + "（未配置公开募捐资格证书）")
    String qualification;

    @ConfigProperty(name = "public.fundraising.record-number", defaultValue = SAMPLE + "（未配置募捐方案备案编号）")
    String recordNumber;

    @ConfigProperty(name = "public.organisation.contact", defaultValue = SAMPLE + "（未配置联系电话与地址）")
    String contact;

    @ConfigProperty(name = "public.organisation.complaint", defaultValue = SAMPLE + "（未配置投诉举报渠道）")
    String complaint;

    @ConfigProperty(name = "public.fundraising.lookup",
            defaultValue = "扫描上方二维码查看本社区善款收支；募捐方案可凭备案编号在民政部门的慈善信息公开平台查询")
    String lookup;

    public PublicInfo info() {
        boolean sample = java.util.stream.Stream.of(organisation, registration, qualification, recordNumber, contact,
                complaint).anyMatch(v -> v == null || v.isBlank() || v.contains(SAMPLE));
        return new PublicInfo(baseUrl, organisation, registration, qualification, recordNumber, contact, complaint,
                lookup, sample);
    }
}
