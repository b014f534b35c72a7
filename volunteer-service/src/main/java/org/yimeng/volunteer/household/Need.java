package org.yimeng.volunteer.household;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One need found by a survey. */
@Embeddable
public class Need {
    @Enumerated(EnumType.STRING)
    @Column(name = "type")
    public NeedType type;

    @Column(name = "detail")
    public String detail;
}
