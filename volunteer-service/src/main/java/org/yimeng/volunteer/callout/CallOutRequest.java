package org.yimeng.volunteer.callout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code waveSize}: how many are asked per wave (default 5). */
public record CallOutRequest(@Min(1) @Max(100) Integer waveSize) {
}
