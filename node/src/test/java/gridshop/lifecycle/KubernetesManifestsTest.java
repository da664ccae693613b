package gridshop.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests in scripts/k8s parse as YAML and agree with the code they deploy: probe paths are the health
 * routes, ports are the configured defaults, the headless service is the one discovery asks for, RBAC lets the
 * service account read endpoints, every GRIDSHOP_* variable is a configuration key the node reads, and the
 * grace period, the memory limit and the volumes fit the configuration. Both sides are read, so they cannot drift.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "scripts", "k8s");
    private static final Map<String, Map<String, Object>> BY_KIND_AND_NAME = new HashMap<>();
    private static Map<String, Object> config;
    private static Map<String, Object> k8sConfig;
    private static Map<String, String> configEnv;

    @BeforeAll
    static void read() throws IOException {
        Yaml yaml = new Yaml();
        Map<String, Object> kustomization = yaml.load(Files.readString(K8S.resolve("kustomization.yaml")));
        for (Object file : list(kustomization.get("resources"))) {
            for (Object doc : yaml.loadAll(Files.readString(K8S.resolve((String) file)))) {
                Map<String, Object> d = map(doc);
                BY_KIND_AND_NAME.put(d.get("kind") + "/" + map(d.get("metadata")).get("name"), d);
            }
        }
        config = yaml.load(KubernetesManifestsTest.class.getResourceAsStream("/application.yml"));
        k8sConfig = yaml.load(KubernetesManifestsTest.class.getResourceAsStream("/application-k8s.yml"));
        configEnv = envFile("config.env");
    }

    @Test
    void probesAskTheHealthRoutes() {
        Map<String, Object> container = container();
        String base = HealthController.class.getAnnotation(Controller.class).value();
        Set<String> routes = new HashSet<>();
        for (Method m : HealthController.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Get.class)) {
                routes.add(base + m.getAnnotation(Get.class).value());
            }
        }
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertTrue(routes.contains(get.get("path")), probe + " asks " + get.get("path") + ", routes: " + routes);
            assertEquals("http", get.get("port"), probe);
        }
        assertEquals(base + "/readiness", path(container, "readinessProbe"));
        assertEquals(base + "/liveness", path(container, "livenessProbe"));
        Map<String, Object> startup = map(container.get("startupProbe"));
        long window = ((Number) startup.get("periodSeconds")).longValue() * ((Number) startup.get("failureThreshold")).longValue();
        assertTrue(window >= 20 * 60, "the startup probe leaves at least 20 minutes for a 1M-product load: " + window + " s");
    }

    @Test
    void containerPortsAreTheConfiguredOnes() {
        Map<String, Integer> ports = new HashMap<>();
        for (Object p : list(container().get("ports"))) {
            ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort"));
        }
        assertEquals(Map.of("http", intAt(config, "gridshop.http.port"), "discovery", intAt(config, "gridshop.discovery.port"),
            "communication", intAt(config, "gridshop.grid.communication-port"), "jdbc", intAt(config, "gridshop.jdbc.port")), ports);
        assertEquals("0.0.0.0", at(k8sConfig, "gridshop.http.host"), "in a pod HTTP listens on every address");
    }

    @Test
    void servicesNameWhatDiscoveryHttpAndAnalystsUse() {
        Map<String, Object> headless = spec("Service/" + at(config, "gridshop.discovery.kubernetes.service"));
        assertEquals("None", headless.get("clusterIP"));
        assertEquals(true, headless.get("publishNotReadyAddresses"), "pods find each other before they are ready");
        assertEquals(configEnv.get("GRIDSHOP_DISCOVERY_KUBERNETES_SERVICE"), at(config, "gridshop.discovery.kubernetes.service"));
        assertEquals("kubernetes", configEnv.get("GRIDSHOP_DISCOVERY_MODE"));
        assertEquals("kubernetes", at(k8sConfig, "gridshop.discovery.mode"));
        Map<String, Object> podLabels = map(map(map(spec("StatefulSet/gridshop").get("template")).get("metadata")).get("labels"));
        for (String name : List.of("Service/gridshop", "Service/gridshop-http", "Service/gridshop-sql")) {
            Map<String, Object> s = spec(name);
            assertEquals(podLabels, s.get("selector"), name + " selects the node pods");
            Set<Object> containerPortNames = list(container().get("ports")).stream().map(p -> map(p).get("name")).collect(Collectors.toSet());
            for (Object p : list(s.get("ports"))) {
                assertTrue(containerPortNames.contains(map(p).get("targetPort")), name + " targets a named container port");
            }
        }
        assertEquals("jdbc", map(list(spec("Service/gridshop-sql").get("ports")).get(0)).get("targetPort"));
        assertEquals("http", map(list(spec("Service/gridshop-http").get("ports")).get(0)).get("targetPort"));
        assertEquals("gridshop", spec("StatefulSet/gridshop").get("serviceName"));
    }

    @Test
    void theServiceAccountMayReadEndpointsWithTheTokenDiscoverySends() {
        Map<String, Object> role = BY_KIND_AND_NAME.get("Role/gridshop-discovery");
        Map<String, Object> rule = map(list(role.get("rules")).get(0));
        assertTrue(list(rule.get("resources")).contains("endpoints"));
        assertTrue(list(rule.get("verbs")).containsAll(List.of("get", "list", "watch")), "verbs: " + rule.get("verbs"));
        Map<String, Object> binding = BY_KIND_AND_NAME.get("RoleBinding/gridshop-discovery");
        assertEquals("gridshop-discovery", map(binding.get("roleRef")).get("name"));
        String account = (String) map(map(spec("StatefulSet/gridshop").get("template")).get("spec")).get("serviceAccountName");
        assertEquals(account, map(list(binding.get("subjects")).get(0)).get("name"));
        assertTrue(BY_KIND_AND_NAME.containsKey("ServiceAccount/" + account));
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/token", at(config, "gridshop.discovery.kubernetes.account-token"),
            "the token file Kubernetes mounts into every pod");
        assertEquals("https://kubernetes.default.svc.cluster.local:443", at(config, "gridshop.discovery.kubernetes.master-url"));
    }

    @Test
    void everyGridshopVariableIsAConfigurationKeyTheNodeReads() throws IOException {
        Set<String> keys = new HashSet<>();
        flatten("", config, keys);
        flatten("", k8sConfig, keys);
        Set<String> normalized = keys.stream().map(k -> k.replace('-', '.')).collect(Collectors.toSet());
        List<String> variables = new ArrayList<>(configEnv.keySet());
        variables.addAll(envFile("secrets.env.example").keySet());
        for (Object e : list(container().get("env"))) {
            variables.add((String) map(e).get("name"));
        }
        for (String v : variables) {
            if (v.startsWith("GRIDSHOP_")) {
                String key = v.toLowerCase().replace('_', '.');
                assertTrue(normalized.contains(key), v + " is not a configuration key of the node (" + key + ")");
            }
        }
        assertTrue(variables.containsAll(List.of("GRIDSHOP_ADMIN_TOKEN", "GRIDSHOP_OPS_TOKEN", "GRIDSHOP_JDBC_PASSWORD",
            "GRIDSHOP_CLUSTER_SECRET", "GRIDSHOP_DB_PASSWORD")), "tokens and secrets come from the Secret: " + variables);
        assertEquals("k8s", configEnv.get("MICRONAUT_ENVIRONMENTS"), "application-k8s.yml is switched on");
        assertTrue(String.valueOf(at(k8sConfig, "gridshop.grid.local-address")).contains("POD_IP"));
        assertTrue(variables.contains("POD_IP"), "the pod's address reaches the node");
        assertEquals(List.of("configMapRef", "secretRef"), list(container().get("envFrom")).stream()
            .map(x -> map(x).keySet().iterator().next()).toList());
    }

    @Test
    void graceMemoryAndVolumesFitTheConfiguration() {
        Map<String, Object> pod = map(map(spec("StatefulSet/gridshop").get("template")).get("spec"));
        Duration stop = Duration.parse("PT" + configEnv.get("GRIDSHOP_GRID_GRACEFUL_STOP_LIMIT").toUpperCase())
            .plus(Duration.parse("PT" + configEnv.get("GRIDSHOP_WRITE_BEHIND_DRAIN_TIMEOUT").toUpperCase()));
        assertTrue(((Number) pod.get("terminationGracePeriodSeconds")).longValue() >= stop.toSeconds(),
            "the grace period covers the wait for backups and the drain: " + stop);
        String javaOptions = list(container().get("env")).stream().map(KubernetesManifestsTest::map)
            .filter(e -> "JAVA_TOOL_OPTIONS".equals(e.get("name"))).map(e -> (String) e.get("value")).findFirst().orElseThrow();
        long heapMb = Long.parseLong(javaOptions.replaceAll(".*-Xmx(\\d+)g.*", "$1")) * 1024;
        long regionMb = Long.parseLong(configEnv.get("GRIDSHOP_GRID_DATA_REGION_MB"));
        Map<String, Object> resources = map(container().get("resources"));
        for (String bound : List.of("requests", "limits")) {
            long memMb = Long.parseLong(((String) map(resources.get(bound)).get("memory")).replace("Gi", "")) * 1024;
            assertTrue(memMb >= heapMb + regionMb + 512, bound + " memory " + memMb + " MB holds heap " + heapMb
                + " + data region " + regionMb + " + native");
        }
        Map<String, String> mounts = new HashMap<>();
        for (Object m : list(container().get("volumeMounts"))) {
            mounts.put((String) map(m).get("name"), (String) map(m).get("mountPath"));
        }
        assertEquals(at(k8sConfig, "gridshop.write-behind.spill-dir"), mounts.get("spill"), "spilled writes survive the pod");
        assertTrue(String.valueOf(at(k8sConfig, "gridshop.grid.work-dir")).startsWith(mounts.get("work")));
        Map<String, Object> ctx = map(pod.get("securityContext"));
        assertEquals(true, ctx.get("runAsNonRoot"));
    }

    @Test
    void disruptionsAndScalingGoOnePodAtATime() {
        assertEquals(1, spec("PodDisruptionBudget/gridshop").get("maxUnavailable"));
        Map<String, Object> hpa = spec("HorizontalPodAutoscaler/gridshop");
        assertEquals(2, hpa.get("minReplicas"));
        assertEquals(20, hpa.get("maxReplicas"));
        assertEquals("StatefulSet", map(hpa.get("scaleTargetRef")).get("kind"));
        Map<String, Object> down = map(map(hpa.get("behavior")).get("scaleDown"));
        assertEquals(1, map(list(down.get("policies")).get(0)).get("value"), "scale-down removes one pod at a time");
        assertTrue(((Number) down.get("stabilizationWindowSeconds")).intValue() >= 300, "scale-down is slow");
        assertEquals("cpu", map(map(list(hpa.get("metrics")).get(0)).get("resource")).get("name"));
    }

    private static Map<String, Object> container() {
        Map<String, Object> pod = map(map(spec("StatefulSet/gridshop").get("template")).get("spec"));
        return map(list(pod.get("containers")).get(0));
    }

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container.get(probe)).get("httpGet")).get("path");
    }

    private static Map<String, Object> spec(String kindAndName) {
        Map<String, Object> doc = BY_KIND_AND_NAME.get(kindAndName);
        assertTrue(doc != null, "no " + kindAndName + " in scripts/k8s; found " + BY_KIND_AND_NAME.keySet());
        return map(doc.get("spec"));
    }

    private static Object at(Map<String, Object> root, String dotted) {
        Object o = root;
        for (String part : dotted.split("\\.")) {
            o = map(o).get(part);
        }
        return o;
    }

    private static int intAt(Map<String, Object> root, String dotted) {
        Object v = at(root, dotted);
        return v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).replaceAll(".*:(\\d+)}$", "$1"));
    }

    private static void flatten(String prefix, Map<String, Object> node, Set<String> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            out.add(key);
            if (e.getValue() instanceof Map<?, ?>) {
                flatten(key, map(e.getValue()), out);
            }
        }
    }

    private static Map<String, String> envFile(String name) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(K8S.resolve(name))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
