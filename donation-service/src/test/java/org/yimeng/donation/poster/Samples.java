package org.yimeng.donation.poster;

/** Poster facts for the plain tests: configured (not sample) organisation details, clearly fictitious. */
final class Samples {
    static final String BASE = "https://aipuman.test.example";

    private Samples() {
    }

    static PublicInfo configured() {
        return new PublicInfo(BASE + "/", "沂蒙测试慈善基金会", "53371300TEST00001X", "鲁民公募证字（测试）第0001号",
                "53371300TEST00001X-2026-0001", "0539-0000000 · 测试市测试路1号", "测试市民政局 0539-0000001",
                "扫描上方二维码查看本社区善款收支", false);
    }

    static PosterFacts facts(String community) {
        return new PosterFacts(community, "PB-7K3M9Q2X", "一号爱扑满", "党群服务中心门口", configured());
    }
}
