package io.fastschema.realtime.fanout.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fastschema.realtime.fanout.auth.AuthenticatedUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FastSchema's decision procedure (spec 3.3) over rows as the security topic carries them. */
class AccessSnapshotTest {

  private static final String BLOG_ALL = "api.realtime.content.blog.*";
  private static final String BLOG_UPDATE = "api.realtime.content.blog.update";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccessState state = new AccessState(PermissionSettings.NONE);

  private void role(String id, String name, boolean root, String rule) {
    ObjectNode r = JSON.createObjectNode().put("id", id).put("name", name).put("root", root);
    if (rule != null) {
      r.put("rule", rule);
    }
    put("roles/" + id, r);
  }

  private void permission(String id, String roleId, String resource, String value) {
    put(
        "permissions/" + id,
        JSON.createObjectNode()
            .put("id", id)
            .put("role_id", roleId)
            .put("resource", resource)
            .put("value", value));
  }

  private void member(String roleId, String userId) {
    put(
        "roles_users/" + roleId + "/" + userId,
        JSON.createObjectNode().put("roles", roleId).put("users", userId));
  }

  private void put(String key, ObjectNode row) {
    state.apply(key, row.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static AuthenticatedUser user(String id, boolean active, String... roles) {
    return new AuthenticatedUser(id, active, List.of(roles), Instant.MAX);
  }

  private AccessDecision decide(AuthenticatedUser user, String resource) {
    state.publish();
    return state.current().decide(user, resource);
  }

  @Test
  void rootRoleAllowsEverythingEvenForAnInactiveUser() {
    role("r1", "Admin", true, null);
    member("r1", "u1");
    assertEquals(
        AccessDecision.ALLOWED, decide(user("u1", false, "r1"), "api.realtime.content.x.*"));
  }

  @Test
  void inactiveUserIsRefusedWithItsOwnReason() {
    role("r1", "User", false, null);
    permission("p1", "r1", BLOG_ALL, "allow");
    member("r1", "u1");
    assertEquals(AccessDecision.INACTIVE, decide(user("u1", false, "r1"), BLOG_ALL));
    assertEquals("[403] User is inactive", AccessDecision.INACTIVE.reason());
  }

  @Test
  void firstMatchingPermissionOfARoleDecidesNotTheMostSpecific() {
    role("r1", "User", false, null);
    permission("p1", "r1", "api.realtime.content.*", "deny");
    permission("p2", "r1", BLOG_UPDATE, "allow");
    member("r1", "u1");
    assertEquals(AccessDecision.FORBIDDEN, decide(user("u1", true, "r1"), BLOG_UPDATE));
  }

  @Test
  void anyAllowingRoleWinsOverAnotherRolesDeny() {
    role("r1", "A", false, null);
    role("r2", "B", false, null);
    permission("p1", "r1", BLOG_UPDATE, "deny");
    permission("p2", "r2", BLOG_UPDATE, "allow");
    member("r1", "u1");
    member("r2", "u1");
    assertEquals(AccessDecision.ALLOWED, decide(user("u1", true, "r1", "r2"), BLOG_UPDATE));
  }

  @Test
  void wildcardIsAPlainPrefixWithoutDotBoundary() {
    role("r1", "User", false, null);
    permission("p1", "r1", BLOG_ALL, "allow");
    member("r1", "u1");
    assertEquals(
        AccessDecision.ALLOWED, decide(user("u1", true, "r1"), "api.realtime.content.blog.create"));
    assertEquals(
        AccessDecision.ALLOWED,
        decide(user("u1", true, "r1"), "api.realtime.content.blogpost.create"));
    assertEquals(
        AccessDecision.FORBIDDEN, decide(user("u1", true, "r1"), "api.realtime.content.blo"));
  }

  @Test
  void aCreateOnlyPermissionDoesNotCoverEventStar() {
    role("r1", "User", false, null);
    permission("p1", "r1", "api.realtime.content.blog.create", "allow");
    member("r1", "u1");
    assertEquals(AccessDecision.FORBIDDEN, decide(user("u1", true, "r1"), BLOG_ALL));
  }

  @Test
  void tokenRolesTheUserNoLongerHoldsDoNotCount() {
    role("r1", "User", false, null);
    permission("p1", "r1", BLOG_ALL, "allow");
    assertEquals(AccessDecision.FORBIDDEN, decide(user("u1", true, "r1"), BLOG_ALL));
    member("r1", "u1");
    assertEquals(AccessDecision.ALLOWED, decide(user("u1", true, "r1"), BLOG_ALL));
    state.apply("roles_users/r1/u1", null);
    assertEquals(AccessDecision.FORBIDDEN, decide(user("u1", true, "r1"), BLOG_ALL));
  }

  @Test
  void guestHasTheRoleNamedGuestAndIsUnauthorizedOtherwise() {
    role("g", "Guest", false, null);
    assertEquals(AccessDecision.UNAUTHORIZED, decide(null, BLOG_ALL));
    permission("p1", "g", BLOG_ALL, "allow");
    assertEquals(AccessDecision.ALLOWED, decide(null, BLOG_ALL));
  }

  @Test
  void expressionsAndRoleRulesNeverAllow() {
    role("r1", "User", false, null);
    role("r2", "Ruled", false, "$context.User().ID > 0");
    permission("p1", "r1", BLOG_ALL, "$context.User() != nil");
    permission("p2", "r2", BLOG_ALL, "allow");
    member("r1", "u1");
    member("r2", "u1");
    assertEquals(AccessDecision.FORBIDDEN, decide(user("u1", true, "r1", "r2"), BLOG_ALL));
  }

  @Test
  void permissionSettingsReplaceBySameResourceAndAppendOthers() {
    AccessSnapshotTest t = this;
    t.state =
        new AccessState(
            PermissionSettings.parse(
                "{\"roles\":[{\"name\":\"User\",\"permissions\":["
                    + "{\"resource\":\""
                    + BLOG_ALL
                    + "\",\"value\":\"deny\"},"
                    + "{\"resource\":\"api.realtime.content.tag.*\",\"value\":\"allow\"}]}]}"));
    t.role("r1", "User", false, null);
    t.permission("p1", "r1", BLOG_ALL, "allow");
    t.member("r1", "u1");
    assertEquals(
        AccessDecision.FORBIDDEN,
        t.decide(user("u1", true, "r1"), BLOG_ALL),
        "the environment's deny beats the database's allow");
    assertEquals(
        AccessDecision.ALLOWED, t.decide(user("u1", true, "r1"), "api.realtime.content.tag.*"));
  }

  @Test
  void deletedPermissionStopsAllowing() {
    role("r1", "User", false, null);
    permission("p1", "r1", BLOG_ALL, "allow");
    member("r1", "u1");
    assertEquals(AccessDecision.ALLOWED, decide(user("u1", true, "r1"), BLOG_ALL));
    state.apply("permissions/p1", null);
    assertEquals(AccessDecision.FORBIDDEN, decide(user("u1", true, "r1"), BLOG_ALL));
  }
}
