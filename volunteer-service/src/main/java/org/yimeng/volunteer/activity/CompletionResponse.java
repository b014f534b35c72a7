package org.yimeng.volunteer.activity;

import java.util.List;

import org.yimeng.volunteer.servicerecord.ServiceRecordResponse;

/** The completed activity and the service records made from its attendance. */
public record CompletionResponse(ActivityResponse activity, int recordCount, int flaggedCount,
        List<ServiceRecordResponse> records) {
}
