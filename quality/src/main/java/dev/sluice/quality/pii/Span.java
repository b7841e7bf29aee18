package dev.sluice.quality.pii;

/** A found piece of PII: text[start, end) of one kind. */
public record Span(int start, int end, PiiKind kind) {}
