package io.fastschema.realtime.embedded;

import java.util.List;
import java.util.Objects;

/**
 * Primary keys of the rows {@link SampleApp#seed(DatabaseCoordinates)} inserted, in insertion
 * order. UUIDs are in their canonical lower-case text form, as FastSchema puts them into JWTs and
 * JSON.
 *
 * @param adminUserId the active {@code admin} user, member of the Admin role only
 * @param adminRoleId role Admin ({@code root = true})
 * @param userRoleId role User
 * @param guestRoleId role Guest
 * @param categoryIds the two categories
 * @param tagIds the three tags
 * @param blogIds the five blogs (identity column, ascending)
 */
public record SeededIds(
    String adminUserId,
    String adminRoleId,
    String userRoleId,
    String guestRoleId,
    List<String> categoryIds,
    List<String> tagIds,
    List<Long> blogIds) {

  public SeededIds {
    Objects.requireNonNull(adminUserId, "adminUserId");
    Objects.requireNonNull(adminRoleId, "adminRoleId");
    Objects.requireNonNull(userRoleId, "userRoleId");
    Objects.requireNonNull(guestRoleId, "guestRoleId");
    categoryIds = List.copyOf(categoryIds);
    tagIds = List.copyOf(tagIds);
    blogIds = List.copyOf(blogIds);
  }
}
