package io.fastschema.realtime.filter;

import io.fastschema.realtime.model.Field;
import io.fastschema.realtime.model.Schema;
import io.fastschema.realtime.model.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid select lists for {@link RelationSelectDifferentialTest}: scalars (FK columns
 * included), relation names, dotted paths of one to three relation hops ending on a scalar or a
 * relation ({@code tags.name}, {@code category.blogs.title}, {@code category.blogs.tags}), also
 * back and forth ({@code comments.blog.comments.body}), duplicates, the primary key alone or with
 * relations only, and FastSchema's quirk of a dotted path below a scalar ({@code title.x} selects
 * {@code title}).
 */
final class RelationSelectGenerator {

  private final Random random;
  private final SchemaCatalog catalog;

  RelationSelectGenerator(Random random, SchemaCatalog catalog) {
    this.random = random;
    this.catalog = catalog;
  }

  String next(Schema root) {
    List<String> items = new ArrayList<>();
    switch (random.nextInt(12)) {
      case 0 -> items.add(root.primaryKey().name());
      case 1 -> {
        // The primary key with relations only: every column plus the relations.
        items.add(root.primaryKey().name());
        items.add(relation(root).name());
      }
      default -> {
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
          items.add(!items.isEmpty() && random.nextInt(8) == 0 ? pick(items) : item(root));
        }
      }
    }
    return String.join(",", items);
  }

  private String item(Schema root) {
    return switch (random.nextInt(10)) {
      case 0, 1 -> scalar(root).name();
      case 2 -> relation(root).name();
      default -> path(root);
    };
  }

  /** One to three relation hops, then a scalar (mostly) or a relation of the last target. */
  private String path(Schema root) {
    List<String> segments = new ArrayList<>();
    Schema current = root;
    int hops = 1 + random.nextInt(3);
    for (int i = 0; i < hops; i++) {
      Field hop = relation(current);
      segments.add(hop.name());
      current = catalog.schema(hop.relation().targetSchema()).orElseThrow();
    }
    int last = random.nextInt(12);
    if (last < 2) {
      segments.add(relation(current).name());
    } else if (last == 2) {
      segments.add(scalar(current).name());
      segments.add("x");
    } else {
      segments.add(scalar(current).name());
    }
    return String.join(".", segments);
  }

  private Field scalar(Schema schema) {
    List<Field> scalars = schema.fields().stream().filter(f -> !f.isRelation()).toList();
    return scalars.get(random.nextInt(scalars.size()));
  }

  private Field relation(Schema schema) {
    List<Field> relations = schema.fields().stream().filter(Field::isRelation).toList();
    return relations.get(random.nextInt(relations.size()));
  }

  private String pick(List<String> items) {
    return items.get(random.nextInt(items.size()));
  }
}
