package io.jenkins.plugins.nvflare.client.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code --since} of {@code nvflare job logs} as the CLI reads it (job_cli.py {@code _normalize_log_timestamp}):
 * an ISO date or date-time, {@code Z}, a space separator and a comma before the fraction allowed, converted to naive
 * UTC when it has an offset. The one rule for the native transport's filter and the forms' check.
 */
public final class LogSince {

    private LogSince() {}

    /**
     * The timestamp {@code value} stands for.
     *
     * @throws IllegalArgumentException with the CLI's message when it is not a timestamp
     */
    public static LocalDateTime parse(String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--since must be a non-empty timestamp");
        }
        if (text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1) + "+00:00";
        }
        text = text.replaceFirst(" ", "T").replace(',', '.');
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            if (text.matches(".*T.*[+-]\\d{2}:?\\d{2}$")) {
                String iso = text.matches(".*[+-]\\d{4}$")
                        ? text.substring(0, text.length() - 2) + ":" + text.substring(text.length() - 2)
                        : text;
                return OffsetDateTime.parse(iso)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime();
            }
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid --since timestamp: " + value, e);
        }
    }

    /** Whether the CLI takes {@code value} as {@code --since}. */
    public static boolean valid(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
