package io.darkroom.index.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch's multi-row INSERT writes every column the entity maps, and each value in its column's place. */
class BatchRowsTest {

    @Test
    void theInsertNamesEveryColumnTheEntityMapsButTheId() {
        List<String> mapped = Arrays.stream(MediaItemEntity.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isAnnotationPresent(Id.class))
                .filter(f -> !f.getName().startsWith("$$")) // Hibernate's enhancement fields
                .map(BatchRowsTest::column)
                .toList();

        assertThat(BatchRows.ITEM_COLUMNS).containsExactlyInAnyOrderElementsOf(mapped).doesNotHaveDuplicates();
    }

    @Test
    void eachValueSitsAtItsColumnsPosition() throws Exception {
        MediaItemEntity item = new MediaItemEntity();
        Object[] expected = new Object[BatchRows.ITEM_COLUMNS.size()];
        int n = 0;
        for (Field field : MediaItemEntity.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isAnnotationPresent(Id.class)
                    || field.getName().startsWith("$$")) {
                continue;
            }
            Object value = distinct(field.getType(), n++);
            field.set(item, value);
            expected[BatchRows.ITEM_COLUMNS.indexOf(column(field))] = value instanceof Instant at
                    ? LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC) : value;
        }

        Object[] values = BatchRows.values(item);

        assertThat(values).hasSize(BatchRows.ITEM_COLUMNS.size());
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).as(BatchRows.ITEM_COLUMNS.get(i)).isEqualTo(expected[i]);
        }
    }

    @Test
    void oneStatementHoldsEveryRow() {
        assertThat(BatchRows.insert("processed_event", List.of("event_id"), 3))
                .isEqualTo("INSERT INTO processed_event (event_id) VALUES (?), (?), (?)");
    }

    private static String column(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column != null && !column.name().isEmpty() ? column.name() : field.getName();
    }

    /** A value of the field's type that no other field gets (booleans: only two, checked by position alone). */
    private static Object distinct(Class<?> type, int n) {
        if (type == String.class) {
            return "v" + n;
        }
        if (type == Integer.class) {
            return n;
        }
        if (type == Long.class) {
            return 1000L + n;
        }
        if (type == Double.class) {
            return n + 0.5;
        }
        if (type == java.math.BigDecimal.class) {
            return java.math.BigDecimal.valueOf(n, 2);
        }
        if (type == Instant.class) {
            return Instant.ofEpochSecond(1_700_000_000L + n);
        }
        if (type == byte[].class) {
            return new byte[] {(byte) n};
        }
        if (type == boolean.class) {
            return n % 2 == 0;
        }
        throw new IllegalArgumentException("no test value for " + type);
    }
}
