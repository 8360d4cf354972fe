package io.fastschema.realtime.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a result was measured: JVM, OS, CPU and how busy the machine was. Latency numbers mean
 * little without it, since the whole stack shares the same cores.
 *
 * @param loadAverage the one-minute load average when the run started; high values mean other work
 *     competed for the CPUs
 */
public record MachineInfo(
    String jvm,
    String jvmVersion,
    String jvmArguments,
    String gcs,
    long maxHeapMiB,
    String os,
    String cpuModel,
    int cpus,
    long memoryMiB,
    double loadAverage) {

  public static MachineInfo current() {
    var runtime = ManagementFactory.getRuntimeMXBean();
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory =
        os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun.getTotalMemorySize() >> 20
            : -1;
    return new MachineInfo(
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        String.join(" ", runtime.getInputArguments()),
        String.join(
            ", ",
            ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .toList()),
        Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        memory,
        Math.round(os.getSystemLoadAverage() * 100) / 100.0);
  }

  /** Linux names the CPU in /proc/cpuinfo; elsewhere the model stays unknown. */
  private static String readCpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  public List<String> lines() {
    return List.of(
        "JVM  "
            + jvm
            + " "
            + jvmVersion
            + ", GC "
            + gcs
            + ", max heap "
            + maxHeapMiB
            + " MiB"
            + (jvmArguments.isEmpty() ? "" : ", flags: " + jvmArguments),
        "OS   " + os + ", " + memoryMiB + " MiB RAM, load average " + loadAverage + " at start",
        "CPU  " + cpus + " x " + cpuModel);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jvm", jvm);
    out.put("jvm_version", jvmVersion);
    out.put("jvm_arguments", jvmArguments);
    out.put("gc", gcs);
    out.put("max_heap_mib", maxHeapMiB);
    out.put("os", os);
    out.put("cpu_model", cpuModel);
    out.put("cpus", cpus);
    out.put("memory_mib", memoryMiB);
    out.put("load_average_at_start", loadAverage);
    return out;
  }
}
