package org.yimeng.volunteer.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.scope.Access;
import org.yimeng.volunteer.support.Text;

/** What every row of one job is checked against: the target community, its grids by name, the caller's grid. */
final class RowContext {
    final ImportJob job;
    final Community community;
    final Map<String, UUID> gridsByName;
    final Access access;
    final Template template;
    final Template.Header header;
    final LocalDate today;

    RowContext(ImportJob job, Community community, Map<String, UUID> gridsByName, Access access, Template.Header header,
            LocalDate today) {
        this.job = job;
        this.community = community;
        this.gridsByName = gridsByName;
        this.access = access;
        this.template = Template.of(job.kind);
        this.header = header;
        this.today = today;
    }

    /** The column header as this file writes it. */
    String column(String key) {
        return header.headerAsWritten()[template.index(key)];
    }

    /** The grid worker's own grid, or null for wider scopes. */
    UUID ownGrid() {
        return access.level() == Access.Level.GRID ? access.gridId() : null;
    }

    boolean isThisCommunity(String cell) {
        return cell.equals(community.name) || cell.equals(community.code) || cell.equals(community.id.toString())
                || Text.key(cell).equals(Text.key(community.name));
    }

    /** One data row: its sheet row number and its cells in template order (null when empty). */
    record Row(int number, String[] cells) {
    }

    /** A row on its way through the checks: the request it becomes, and its issues so far. */
    static final class Item<T> {
        final Row row;
        T value;
        final List<RowIssue> issues = new ArrayList<>();
        boolean skipped;

        Item(Row row) {
            this.row = row;
        }

        boolean valid() {
            return !skipped && issues.stream().noneMatch(i -> i.outcome() == RowIssue.Outcome.ERROR);
        }
    }
}
