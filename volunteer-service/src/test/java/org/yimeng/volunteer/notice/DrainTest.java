package org.yimeng.volunteer.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DrainTest {
    @Test
    void batchesRepeatWhileTheyComeBackFullAndStopAtTheFirstPartialOne() {
        int[] left = {NoticeSchedule.BATCH * 2 + 7};
        List<Integer> asked = new ArrayList<>();
        int total = NoticeSchedule.drain(limit -> {
            asked.add(limit);
            int n = Math.min(limit, left[0]);
            left[0] -= n;
            return n;
        });
        assertEquals(NoticeSchedule.BATCH * 2 + 7, total);
        assertEquals(3, asked.size());
    }

    @Test
    void aBatchThatFindsTheLockTakenEndsTheRun() {
        assertEquals(0, NoticeSchedule.drain(limit -> 0));
    }
}
