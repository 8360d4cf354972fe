/**
 * A fanout node's face and vocabulary. {@link io.fastschema.realtime.fanout.FanoutServer} wires the
 * layers below and {@link io.fastschema.realtime.fanout.FanoutMain} starts it; the rest is what
 * every layer speaks: configuration ({@code FanoutConfig}, {@code FanoutSettings}), {@code
 * CloseReason}, the {@code Transport} a session writes through, the node's meters, and the live
 * schema catalog.
 *
 * <p>May import: its sub-packages (only FanoutServer and FanoutMain do), shared-model, Micrometer.
 * Neither Kafka nor Jetty: those stay in {@code stream} and {@code jetty} (checked by
 * architecture-tests), and nothing below reaches back to FanoutServer or FanoutMain.
 */
package io.fastschema.realtime.fanout;
