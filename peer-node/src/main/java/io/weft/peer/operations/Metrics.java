package io.weft.peer.operations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A small Prometheus registry: counters, gauges and histograms with labels, written in the text exposition format.
 * Metric names and labels follow Fabric's, so existing dashboards keep working. Thread-safe.
 */
public final class Metrics {
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    /** A counter family; {@code inc(labelValues...)} adds one. */
    public Counter counter(String name, String help, String... labelNames) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(n, help, labelNames));
    }

    public Histogram histogram(String name, String help, String... labelNames) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(n, help, labelNames, DURATION_BUCKETS));
    }

    /** A gauge whose value is read when scraped. */
    public void gauge(String name, String help, String[] labelNames, String[] labelValues, DoubleSupplier value) {
        Gauge gauge = (Gauge) families.computeIfAbsent(name, n -> new Gauge(n, help, labelNames));
        gauge.values.put(List.of(labelValues), value);
    }

    /** A gauge family whose label values and values are all read when scraped (e.g. one per channel). */
    public void gaugeFamily(String name, String help, String labelName, Supplier<Map<String, Double>> values) {
        families.computeIfAbsent(name, n -> new DynamicGauge(n, help, labelName, values));
    }

    public String scrape() {
        StringBuilder out = new StringBuilder();
        families.keySet().stream().sorted().forEach(name -> families.get(name).write(out));
        return out.toString();
    }

    private abstract static class Family {
        final String name;
        final String help;
        final String[] labelNames;

        Family(String name, String help, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames.clone();
        }

        abstract String type();

        abstract void writeSamples(StringBuilder out);

        void write(StringBuilder out) {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type()).append('\n');
            writeSamples(out);
        }

        String labels(List<String> values, String extraName, String extraValue) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < labelNames.length && i < values.size(); i++) {
                parts.add(labelNames[i] + "=\"" + escape(values.get(i)) + "\"");
            }
            if (extraName != null) {
                parts.add(extraName + "=\"" + extraValue + "\"");
            }
            return parts.isEmpty() ? "" : "{" + String.join(",", parts) + "}";
        }

        List<String> key(String... values) {
            if (values.length != labelNames.length) {
                throw new IllegalArgumentException(name + " takes labels " + Arrays.toString(labelNames));
            }
            return List.of(values);
        }
    }

    /** A monotonically increasing count. */
    public static final class Counter extends Family {
        private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

        Counter(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        public void inc(String... labelValues) {
            values.computeIfAbsent(key(labelValues), k -> new LongAdder()).increment();
        }

        public long get(String... labelValues) {
            LongAdder adder = values.get(key(labelValues));
            return adder == null ? 0 : adder.sum();
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void writeSamples(StringBuilder out) {
            values.forEach((labels, value) -> out.append(name)
                    .append(labels(labels, null, null))
                    .append(' ')
                    .append(value.sum())
                    .append('\n'));
        }
    }

    /** Durations in seconds. */
    public static final class Histogram extends Family {
        private final double[] buckets;
        private final Map<List<String>, Series> values = new ConcurrentHashMap<>();

        Histogram(String name, String help, String[] labelNames, double[] buckets) {
            super(name, help, labelNames);
            this.buckets = buckets.clone();
        }

        public void observe(double seconds, String... labelValues) {
            values.computeIfAbsent(key(labelValues), k -> new Series(buckets.length))
                    .observe(buckets, seconds);
        }

        @Override
        String type() {
            return "histogram";
        }

        @Override
        void writeSamples(StringBuilder out) {
            values.forEach((labels, series) -> {
                long cumulative = 0;
                for (int i = 0; i < buckets.length; i++) {
                    cumulative += series.counts[i].sum();
                    out.append(name)
                            .append("_bucket")
                            .append(labels(labels, "le", Double.toString(buckets[i])))
                            .append(' ')
                            .append(cumulative)
                            .append('\n');
                }
                out.append(name)
                        .append("_bucket")
                        .append(labels(labels, "le", "+Inf"))
                        .append(' ')
                        .append(series.count.sum())
                        .append('\n');
                out.append(name)
                        .append("_sum")
                        .append(labels(labels, null, null))
                        .append(' ')
                        .append(series.sum.sum())
                        .append('\n');
                out.append(name)
                        .append("_count")
                        .append(labels(labels, null, null))
                        .append(' ')
                        .append(series.count.sum())
                        .append('\n');
            });
        }

        private static final class Series {
            final LongAdder[] counts;
            final LongAdder count = new LongAdder();
            final DoubleAdder sum = new DoubleAdder();

            Series(int size) {
                counts = new LongAdder[size];
                for (int i = 0; i < size; i++) {
                    counts[i] = new LongAdder();
                }
            }

            void observe(double[] buckets, double value) {
                for (int i = 0; i < buckets.length; i++) {
                    if (value <= buckets[i]) {
                        counts[i].increment();
                        break;
                    }
                }
                count.increment();
                sum.add(value);
            }
        }
    }

    private static final class Gauge extends Family {
        private final Map<List<String>, DoubleSupplier> values = new ConcurrentHashMap<>();

        Gauge(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        void writeSamples(StringBuilder out) {
            values.forEach((labels, value) -> out.append(name)
                    .append(labels(labels, null, null))
                    .append(' ')
                    .append(value.getAsDouble())
                    .append('\n'));
        }
    }

    private static final class DynamicGauge extends Family {
        private final Supplier<Map<String, Double>> values;

        DynamicGauge(String name, String help, String labelName, Supplier<Map<String, Double>> values) {
            super(name, help, new String[] {labelName});
            this.values = values;
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        void writeSamples(StringBuilder out) {
            values.get().forEach((label, value) -> out.append(name)
                    .append(labels(List.of(label), null, null))
                    .append(' ')
                    .append(value)
                    .append('\n'));
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
