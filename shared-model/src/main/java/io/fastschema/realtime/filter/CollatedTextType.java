package io.fastschema.realtime.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MySQL's and MariaDB's {@code varchar}, {@code longtext} and {@code enum} under {@code
 * utf8mb4_unicode_ci}, the collation FastSchema gives every table there: {@code =}, {@code <} and
 * {@code IN} compare collation weights (case and accents ignored, {@code ß = ss}) with PAD SPACE;
 * {@code LIKE} compares character by character without padding; {@code $containsfold} uses {@code
 * utf8mb4_general_ci}. See {@link MySqlCollation}. An {@code enum} compared with a string compares
 * as the string.
 *
 * <p>Thread-safety: immutable; the instance is a shared constant.
 */
final class CollatedTextType extends SqlType {

  static final CollatedTextType INSTANCE = new CollatedTextType();

  private CollatedTextType() {
    super("varchar");
  }

  @Override
  Object literal(GoValue value) throws SqlValueException {
    if (!(value instanceof GoValue.Str)) {
      throw cannotSend(value);
    }
    return ((GoValue.Str) value).value();
  }

  @Override
  Object read(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  @Override
  int compare(Object a, Object b) {
    return MySqlCollation.compare((String) a, (String) b);
  }

  @Override
  String canonical(Object value) {
    return MySqlCollation.equalityKey((String) value);
  }

  @Override
  boolean hasLike() {
    return true;
  }

  @Override
  LikeFolding likeFolding() {
    return LikeFolding.UNICODE_CI;
  }

  @Override
  LikeFolding containsFoldFolding() {
    return LikeFolding.GENERAL_CI;
  }
}
