/**
 * Who may subscribe to what, as FastSchema decides it: roles, permissions and memberships read from
 * the access-control topic into {@code AccessState}, published as immutable {@code AccessSnapshot}s
 * that decide a user's access to a realtime resource.
 *
 * <p>May import: shared-model and {@code auth} (the authenticated user). Neither Kafka nor Jetty:
 * records arrive as keys and bytes.
 */
package io.fastschema.realtime.fanout.access;
