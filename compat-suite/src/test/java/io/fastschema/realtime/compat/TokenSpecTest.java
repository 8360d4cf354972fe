package io.fastschema.realtime.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TokenSpecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "0123456789abcdef0123456789abcdef";

  private static String mint(String builtIn) {
    return TokenSpec.builtIn(builtIn)
        .mint(
            s ->
                s.replace("{{root_user}}", "u-1")
                    .replace("{{root_role}}", "r-1")
                    .replace("{{root_username}}", "admin"),
            KEY);
  }

  private static JsonNode part(String jwt, int i) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.", -1)[i]));
  }

  @Test
  void rootTokenIsFastSchemasHs256() throws Exception {
    String jwt = mint("root");
    assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", part(jwt, 0).toString());
    JsonNode claims = part(jwt, 1);
    java.util.List<String> names = new java.util.ArrayList<>();
    claims.fieldNames().forEachRemaining(names::add);
    assertEquals(java.util.List.of("exp", "user"), names, "FastSchema's claim order");
    assertEquals(
        "{\"id\":\"u-1\",\"username\":\"admin\",\"active\":true,\"role_ids\":[\"r-1\"]}",
        claims.get("user").toString());
    String[] p = jwt.split("\\.");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII)));
    assertEquals(expected, p[2]);
  }

  @Test
  void brokenTokensAreBrokenTheRightWay() throws Exception {
    assertFalse(part(mint("root-inactive"), 1).get("user").has("active"), "omitempty");
    assertTrue(part(mint("expired"), 1).get("exp").asLong() < System.currentTimeMillis() / 1000);
    assertFalse(part(mint("no-exp"), 1).has("exp"));
    assertTrue(mint("alg-none").endsWith("."));
    assertEquals("RS256", part(mint("rs256"), 0).get("alg").asText());
    JsonNode refresh = part(mint("refresh"), 1);
    assertFalse(refresh.has("user"));
    assertTrue(refresh.has("uid") && refresh.has("sid") && refresh.has("iat"));
  }
}
