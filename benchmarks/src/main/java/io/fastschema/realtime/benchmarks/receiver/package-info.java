/**
 * The receiving side of the throughput benchmarks: plain NIO WebSocket connections that count
 * server frames by walking their headers, with no allocation per message, so the load tool is not
 * what limits a measurement (Jetty's {@code WebSocketClient} saturated at about 1.4 cores receiving
 * 366k msg/s on this machine type; this reader needs about a third of a core for 1.5M).
 */
package io.fastschema.realtime.benchmarks.receiver;
