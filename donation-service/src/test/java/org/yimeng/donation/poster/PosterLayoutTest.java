package org.yimeng.donation.poster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Line breaking and fitting of the poster's text: nothing leaves the page, punctuation never starts a line. */
class PosterLayoutTest {
    @Test
    void wrapsBetweenChineseCharactersAndKeepsClosingPunctuationOnThePreviousLine() {
        // 10 mm type on a 40 mm line holds 4 characters; the comma would start line 2, so it stays on line 1
        List<String> lines = PosterLayout.wrap("一二三四，五六七八。", 10, 40, false);
        assertEquals(List.of("一二三四，", "五六七八。"), lines);
    }

    @Test
    void keepsAsciiWordsWholeUnlessAWordIsWiderThanTheLine() {
        assertEquals(List.of("电话", "0539-1234567"), PosterLayout.wrap("电话 0539-1234567", 5, 40, false));
        List<String> split = PosterLayout.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5, 30, false);
        assertTrue(split.size() > 1, split.toString());
        assertEquals("ABCDEFGHIJKLMNOPQRSTUVWXYZ", String.join("", split));
        split.forEach(l -> assertTrue(PosterLayout.width(l, 5, false) <= 30, l));
    }

    @Test
    void limitCutsWithAnEllipsisThatStillFits() {
        List<String> lines = PosterLayout.limit(List.of("一二三四", "五六七八", "九十"), 2, 10, 40, false);
        assertEquals(List.of("一二三四", "五六七…"), lines);
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreNotDrawn() {
        assertEquals("社 区\uFFFD🙂", PosterLayout.clean("社\u0000区\uD800🙂\u0007"));
        assertEquals("", PosterLayout.clean(null));
    }

    @Test
    void aLongTitleShrinksThenWrapsIntoAtMostTwoLines() {
        Poster short_ = PosterLayout.of(Samples.facts("沂蒙社区"));
        Poster.Text title = (Poster.Text) short_.elements().stream().filter(e -> e instanceof Poster.Text t
                && t.text().startsWith("爱扑满")).findFirst().orElseThrow();
        assertEquals(15, title.size(), 0.001);

        Poster long_ = PosterLayout.of(Samples.facts("幸福里第一社区居民委员会".repeat(6)));
        List<Poster.Text> titles = long_.elements().stream().filter(e -> e instanceof Poster.Text t
                && t.colour().equals(PosterLayout.RED) && t.size() >= 9 && t.size() <= 15).map(Poster.Text.class::cast)
                .toList();
        assertEquals(2, titles.size(), titles.toString());
        assertTrue(titles.get(1).text().endsWith("…"), titles.get(1).text());
        titles.forEach(t -> assertTrue(PosterLayout.width(t.text(), t.size(), false) <= PosterLayout.TEXT_WIDTH,
                t.text()));
    }

    @Test
    void everySection16RowIsOnThePosterEvenWhenAValueIsLong() {
        PublicInfo i = Samples.configured();
        PublicInfo verbose = new PublicInfo(i.baseUrl(), i.organisation(), i.registration(), i.qualification(),
                i.recordNumber(), "联系地址：测试市测试区测试路1号测试大厦".repeat(5), i.complaint(), i.lookup(), false);
        Poster p = PosterLayout.of(new PosterFacts("沂蒙社区", "PB-7K3M9Q2X", "一号", "门口", verbose));
        for (String[] row : PosterLayout.rows(Samples.facts("沂蒙社区"))) {
            assertTrue(p.texts().contains(row[0]), row[0]);
        }
        double lowest = p.elements().stream().filter(e -> e instanceof Poster.Text t && t.y() < 280)
                .mapToDouble(e -> ((Poster.Text) e).y()).max().orElseThrow();
        assertTrue(lowest <= 272, "the rows run into the footer: " + lowest);
        assertFalse(p.texts().contains(PosterLayout.SAMPLE_BANNER));
    }

    @Test
    void thePageUrlIsTheBaseWithoutTrailingSlashesAndTheCode() {
        assertEquals(Samples.BASE + "/p/PB-7K3M9Q2X", Samples.facts("x").pageUrl());
    }
}
