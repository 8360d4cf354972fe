package io.fastschema.realtime.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes manifests into fabric8's typed model and refuses anything the model does not
 * know. fabric8's classes keep unknown fields in {@code additionalProperties} instead of failing,
 * so after Jackson has read a document every object of the model is walked and a non-empty {@code
 * additionalProperties} anywhere is an error naming its path (a misspelt {@code readinesProbe} is
 * caught here, not by the cluster).
 */
final class StrictModel {

  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /** apiVersion/kind → model class: the kinds our manifests may use. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "v1/Namespace",
          io.fabric8.kubernetes.api.model.Namespace.class,
          "v1/ConfigMap",
          io.fabric8.kubernetes.api.model.ConfigMap.class,
          "v1/Secret",
          io.fabric8.kubernetes.api.model.Secret.class,
          "v1/Service",
          io.fabric8.kubernetes.api.model.Service.class,
          "apps/v1/Deployment",
          io.fabric8.kubernetes.api.model.apps.Deployment.class,
          "policy/v1/PodDisruptionBudget",
          io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
          "autoscaling/v2/HorizontalPodAutoscaler",
          io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
          "networking.k8s.io/v1/Ingress",
          io.fabric8.kubernetes.api.model.networking.v1.Ingress.class);

  private StrictModel() {}

  /** Every document of every {@code *.yaml} file in {@code dir}, in file order. */
  static List<HasMetadata> readAll(Path dir) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.addAll(read(f.getFileName().toString(), Files.readString(f)));
      }
    }
    return out;
  }

  /** The documents of one YAML text; {@code source} names it in errors. */
  static List<HasMetadata> read(String source, String yaml) throws IOException {
    List<HasMetadata> out = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (it.hasNext()) {
        JsonNode doc = (JsonNode) it.next();
        index++;
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        String where = source + " document " + index;
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> cls = KINDS.get(type);
        if (cls == null) {
          throw new IllegalArgumentException(where + ": kind " + type + " is not one we ship");
        }
        HasMetadata resource = YAML.treeToValue(doc, cls);
        List<String> unknown = new ArrayList<>();
        walk(resource, type, unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException(where + " (" + type + "): unknown fields " + unknown);
        }
        out.add(resource);
      }
    }
    return out;
  }

  private static void walk(
      Object o, String path, List<String> unknown, IdentityHashMap<Object, Boolean> seen) {
    if (o == null || seen.put(o, true) != null) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object e : c) {
        walk(e, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || !m.getName().startsWith("get")
          || m.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> unknown.add(path + "." + k));
        }
        continue;
      }
      walk(value, path + "." + decapitalize(m.getName().substring(3)), unknown, seen);
    }
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
