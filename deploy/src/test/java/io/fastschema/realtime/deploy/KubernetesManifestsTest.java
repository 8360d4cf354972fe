package io.fastschema.realtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fastschema.realtime.config.CommonSettings;
import io.fastschema.realtime.config.ConfigReader;
import io.fastschema.realtime.config.ConfigSource;
import io.fastschema.realtime.config.Setting;
import io.fastschema.realtime.fanout.FanoutConfig;
import io.fastschema.realtime.fanout.FanoutSettings;
import io.fastschema.realtime.ingest.IngestConfig;
import io.fastschema.realtime.ingest.IngestSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes/*.yaml, read strictly into fabric8's model (unknown fields fail), and checked
 * against what the jars really do: variable names and values pass our own configuration validation,
 * probes hit the ports and paths the processes serve, and the objects that refer to each other
 * (Service, Ingress, PDB, HPA) select what they mean to.
 */
class KubernetesManifestsTest {

  private static final Path DIR = Path.of("kubernetes");
  private static List<HasMetadata> all;

  @BeforeAll
  static void read() throws Exception {
    all = StrictModel.readAll(DIR);
  }

  private static <T extends HasMetadata> T one(Class<T> cls, String name) {
    List<T> found =
        all.stream()
            .filter(cls::isInstance)
            .map(cls::cast)
            .filter(r -> r.getMetadata().getName().equals(name))
            .toList();
    assertEquals(1, found.size(), cls.getSimpleName() + " " + name);
    return found.get(0);
  }

  private static Container container(Deployment d) {
    List<Container> cs = d.getSpec().getTemplate().getSpec().getContainers();
    assertEquals(1, cs.size(), d.getMetadata().getName() + " has one container");
    return cs.get(0);
  }

  /** The container's environment as the process sees it: envFrom ConfigMap, then env. */
  private static Map<String, String> environment(Container c) {
    Map<String, String> env = new HashMap<>();
    c.getEnvFrom()
        .forEach(
            from -> {
              assertNotNull(from.getConfigMapRef(), "only ConfigMaps in envFrom");
              env.putAll(one(ConfigMap.class, from.getConfigMapRef().getName()).getData());
            });
    Secret secret = one(Secret.class, "fastschema-realtime");
    for (EnvVar v : c.getEnv()) {
      if (v.getValueFrom() != null) {
        var ref = v.getValueFrom().getSecretKeyRef();
        assertEquals(secret.getMetadata().getName(), ref.getName(), v.getName());
        String value = secret.getStringData().get(ref.getKey());
        assertNotNull(value, "secret key " + ref.getKey());
        env.put(v.getName(), v.getName().equals("APP_KEY") ? "k".repeat(32) : value);
      } else {
        env.put(v.getName(), v.getValue());
      }
    }
    return env;
  }

  private static Set<String> knownVariables() {
    Set<String> known = new HashSet<>();
    for (List<Setting<?>> group :
        List.of(CommonSettings.all(), IngestSettings.all(), FanoutSettings.all())) {
      group.forEach(s -> known.add(s.env()));
    }
    return known;
  }

  private static int httpPort(Container c, HTTPGetAction probe) {
    if (probe.getPort().getIntVal() != null) {
      return probe.getPort().getIntVal();
    }
    return c.getPorts().stream()
        .filter(p -> probe.getPort().getStrVal().equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no port " + probe.getPort()))
        .getContainerPort();
  }

  @Test
  void unknownFieldsAreRefused() {
    String typo =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - name: x
                  image: x
                  readinesProbe: {httpGet: {path: /readyz, port: 8080}}
        """;
    var e = assertThrows(IllegalArgumentException.class, () -> StrictModel.read("typo", typo));
    assertTrue(e.getMessage().contains("readinesProbe"), e.getMessage());
  }

  @Test
  void everyObjectIsInTheNamespace() {
    assertTrue(all.size() >= 10, "documents read: " + all.size());
    for (HasMetadata r : all) {
      if (!r.getKind().equals("Namespace")) {
        assertEquals(
            "fastschema-realtime",
            r.getMetadata().getNamespace(),
            r.getKind() + " " + r.getMetadata().getName());
      }
    }
  }

  @Test
  void fanoutIsReadyOnReadyzAndDrainsBeforeStopping() {
    Deployment fanout = one(Deployment.class, "fanout");
    Container c = container(fanout);
    Map<String, String> env = environment(c);
    ConfigReader reader = new ConfigReader(ConfigSource.of(env));
    FanoutConfig config = FanoutConfig.read(reader, null, null, null);
    reader.finish();
    assertTrue(knownVariables().containsAll(env.keySet()), "unknown variables in " + env.keySet());

    assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath());
    assertEquals(config.port(), httpPort(c, c.getReadinessProbe().getHttpGet()));
    assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath());
    assertEquals(config.port(), httpPort(c, c.getLivenessProbe().getHttpGet()));
    // Issue 13 item 8: Prometheus scrapes the management port; the Service exposes only http.
    assertEquals(
        String.valueOf(config.guards().managementPort()),
        fanout.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/port"));
    assertEquals("0.0.0.0", config.guards().managementBindAddress(), "scraped from another pod");
    assertTrue(
        one(Service.class, "fanout").getSpec().getPorts().stream()
            .allMatch(p -> p.getTargetPort().getStrVal().equals("http")),
        "management port kept out of the Service");

    PodSpec pod = fanout.getSpec().getTemplate().getSpec();
    var preStop = c.getLifecycle().getPreStop();
    assertNotNull(preStop.getSleep(), "preStop waits for the endpoint removal");
    long preStopSeconds = preStop.getSleep().getSeconds();
    assertTrue(preStopSeconds >= 5, "preStop " + preStopSeconds);
    // preStop, then SIGTERM: the process halts itself at most 30 s later (ShutdownDeadline).
    assertTrue(
        pod.getTerminationGracePeriodSeconds() > preStopSeconds + 30,
        "grace " + pod.getTerminationGracePeriodSeconds());
    assertEquals(10001L, pod.getSecurityContext().getRunAsUser());
    assertEquals(
        0,
        fanout.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
        "a rollout never removes a node before its replacement is ready");
  }

  @Test
  void ingestRunsTwoReplicasAndPassesValidation() {
    Deployment ingest = one(Deployment.class, "ingest");
    assertEquals(2, ingest.getSpec().getReplicas(), "one streams, one stands by");
    Container c = container(ingest);
    Map<String, String> env = environment(c);
    ConfigReader reader = new ConfigReader(ConfigSource.of(env));
    IngestConfig config = IngestConfig.read(reader, null, null, null);
    reader.finish();
    assertTrue(knownVariables().containsAll(env.keySet()), "unknown variables in " + env.keySet());
    int healthPort = Integer.parseInt(env.get("INGEST_HEALTH_PORT"));
    // A standby answers /readyz 503 by design: readiness must not wait for leadership.
    assertEquals("/healthz", c.getReadinessProbe().getHttpGet().getPath());
    assertEquals(healthPort, httpPort(c, c.getReadinessProbe().getHttpGet()));
    assertEquals(healthPort, httpPort(c, c.getLivenessProbe().getHttpGet()));
    assertEquals(3, config.topicReplicationFactor(), "production topics are replicated");
    assertEquals(
        1, one(PodDisruptionBudget.class, "ingest").getSpec().getMinAvailable().getIntVal());
  }

  @Test
  void serviceIngressPdbAndHpaPointAtTheFanoutPods() {
    Deployment fanout = one(Deployment.class, "fanout");
    Map<String, String> podLabels = fanout.getSpec().getTemplate().getMetadata().getLabels();
    Container c = container(fanout);

    Service svc = one(Service.class, "fanout");
    assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()));
    var port = svc.getSpec().getPorts().get(0);
    String target = port.getTargetPort().getStrVal();
    assertTrue(
        c.getPorts().stream().anyMatch(p -> p.getName().equals(target)),
        "service targets container port " + target);

    Ingress ingress = one(Ingress.class, "fanout");
    var path = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0);
    assertEquals("/api/realtime/content", path.getPath());
    IngressBackend backend = path.getBackend();
    assertEquals(svc.getMetadata().getName(), backend.getService().getName());
    assertEquals(port.getName(), backend.getService().getPort().getName());
    assertEquals(1, ingress.getSpec().getTls().size(), "wss: TLS at the ingress");

    PodDisruptionBudget pdb = one(PodDisruptionBudget.class, "fanout");
    assertTrue(
        podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
    assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());

    HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, "fanout");
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertEquals("fanout", hpa.getSpec().getScaleTargetRef().getName());
    assertTrue(hpa.getSpec().getMinReplicas() >= fanout.getSpec().getReplicas());
    assertNotNull(c.getResources().getRequests().get("cpu"), "CPU utilization needs a request");
  }
}
