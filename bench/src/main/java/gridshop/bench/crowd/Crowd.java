package gridshop.bench.crowd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requirements' 10,000 concurrent users (issue 30): a crowd of shoppers, each on a connection of its own held
 * open for the whole run, spread over the nodes given, each thinking between requests (uniform in --think, so
 * 10,000 shoppers thinking 5-15 s make ~1,000 req/s). A shopper opens a session (POST /api/sessions), then browses
 * category pages, searches (words of the catalog's own vocabulary, Vocabulary.java, drawn as mix.lua draws them),
 * opens products it saw, puts them in its cart, looks at the cart and checks out with an Idempotency-Key.
 * One thread drives every connection (NIO, HTTP/1.1 keep-alive, one request at a time per connection): JDK 17 only.
 *
 *   java -cp bench/target/gridshop-bench.jar gridshop.bench.crowd.Crowd --nodes http://127.0.0.1:8480,http://127.0.0.1:8481 --vocabulary V.lua
 *        [--users 10000] [--think 5-15] [--ramp 60] [--hold 180] [--warmup-users 200] [--warmup 60]
 *        [--ops-token T] [--pids PID,PID] [--seed N] [--timeout 30]
 *
 * Phases: a warm-up crowd (--warmup-users thinking a tenth as long, then disconnected); the nodes' heap "before";
 * the crowd connecting evenly over --ramp s; once all are connected and hold a session, --hold s measured; then the
 * shoppers stop (in-flight answers awaited), the heap "while connected" is read with every connection still open and
 * idle, and ESTABLISHED sockets are counted (`ss -tn state established`); then every connection is closed and the
 * heap read once more ("after"). With --pids (the node JVMs, on this machine) each heap reading follows a full
 * collection (`jcmd PID GC.run`) and RSS and node CPU are read from /proc as well. Heap comes from each node's
 * /metrics (jvm_memory_used_bytes, area heap) and is cross-checked against /api/ops/topology's heapUsed. Prints a
 * markdown report on stdout (progress on stderr): per route count, p50/p95/p99, answers by status; the requirement
 * (p95 <= 500 ms search and checkout, <= 1 s cart); the nodes' own latency per route template over the hold (their
 * http_server_requests_seconds histograms), to tell the client's lateness from theirs; memory per connection. Any
 * answer but 2xx and 409 (out of stock), any socket error or timeout is printed loudly as it happens and in the
 * report; exit 3 then, and also when fewer connections than shoppers were open while connected.
 */
public final class Crowd {
    static final Map<String, Long> TARGET_MS = Map.of("search", 500L, "checkout", 500L, "cart-add", 1000L, "cart-view", 1000L);
    static final List<String> ROUTES = List.of("session", "browse", "search", "detail", "cart-add", "cart-view", "checkout",
        "connect");
    static final Pattern SESSION_ID = Pattern.compile("\"sessionId\":\"([^\"]+)\"");
    static final Pattern PRODUCT_ID = Pattern.compile("\"id\":(\\d+)");

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        checkFileLimit(o.users + o.warmupUsers + 256);
        Catalog catalog = Catalog.load(o);
        Probe probe = new Probe(o);
        Loop loop = new Loop(o, catalog);
        Thread driver = new Thread(loop, "crowd-loop");
        driver.start();

        Stats warm = new Stats();
        if (o.warmupUsers > 0 && o.warmupS > 0) {
            log("warm-up: %d shoppers thinking %.1f-%.1f s for %d s", o.warmupUsers, o.thinkMin / 10, o.thinkMax / 10, o.warmupS);
            loop.post(() -> loop.start(o.warmupUsers, 10, 5));
            Thread.sleep(o.warmupS * 1000L);
            loop.post(loop::drain);
            waitFor(() -> loop.inFlight == 0, o.timeoutS + 5);
            loop.post(loop::closeAll);
            waitFor(() -> loop.open == 0, 10);
            warm = loop.swapStats();
        }
        double idle0 = probe.nodeCpuSeconds();
        Thread.sleep(10_000); // what the nodes spend with no request at all (timers, metrics, the grid's own work)
        double idleCores = (probe.nodeCpuSeconds() - idle0) / 10;
        Probe.Reading before = probe.read("before the crowd connects");

        log("the crowd: %d shoppers connecting over %d s, thinking %.0f-%.0f s", o.users, o.rampS, o.thinkMin, o.thinkMax);
        Probe.Sampler sampler = probe.sample(loop, 10);
        loop.post(() -> loop.start(o.users, 1, o.rampS));
        long rampStart = System.nanoTime();
        if (!waitFor(() -> loop.open >= o.users && loop.seated >= o.users, o.rampS + 120)) {
            log("*** only %d of %d connections open, %d with a session, %d s after the ramp began: measuring anyway ***",
                loop.open, o.users, loop.seated, o.rampS + 120);
        }
        Stats ramp = loop.swapStats();
        double rampS = (System.nanoTime() - rampStart) / 1e9;
        sampler.holding = true;
        long holdStart = System.nanoTime();
        double cpu0 = probe.nodeCpuSeconds(), client0 = Probe.clientCpuSeconds();
        Map<String, TreeMap<Double, Double>> server0 = probe.serverHistograms();
        Thread.sleep(o.holdS * 1000L);
        loop.post(loop::drain);
        double holdS = (System.nanoTime() - holdStart) / 1e9;
        double nodeCpu = probe.nodeCpuSeconds() - cpu0, clientCpu = Probe.clientCpuSeconds() - client0;
        Map<String, TreeMap<Double, Double>> server = Probe.minus(probe.serverHistograms(), server0);
        waitFor(() -> loop.inFlight == 0, o.timeoutS + 5);
        sampler.stop();
        Thread.sleep(2000);
        int openAtReading = loop.open;
        Probe.Reading connected = probe.read("while every shopper is connected (idle)");
        loop.post(loop::closeAll);
        waitFor(() -> loop.open == 0, 10);
        loop.running = false;
        loop.selector.wakeup();
        driver.join(10_000);
        Stats hold = loop.stats; // the hold's, with the answers awaited after it
        Thread.sleep(2000);
        Probe.Reading after = probe.read("after the crowd disconnected");

        Report r = new Report(o, warm, ramp, rampS, hold, holdS, idleCores, nodeCpu, clientCpu, server, sampler, before,
            connected, after, openAtReading, loop.serverCloses);
        System.out.print(r.markdown());
        System.exit(r.failed() ? 3 : 0);
    }

    static void checkFileLimit(int needed) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring(26).trim().split("\\s+")[0];
                if (!soft.equals("unlimited") && Long.parseLong(soft) < needed) {
                    throw new IllegalStateException("open files limit " + soft + " < " + needed + ": raise it (ulimit -n)");
                }
                log("open files limit of this JVM: %s (needs %d)", soft, needed);
            }
        }
    }

    static boolean waitFor(BooleanSupplier done, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(new java.util.Date(), args));
    }

    static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    record Options(List<URI> nodes, int users, double thinkMin, double thinkMax, int rampS, int holdS, int warmupUsers,
                   int warmupS, Path vocabulary, String opsToken, List<Long> pids, long seed, int timeoutS, String command) {
        static Options parse(String[] a) {
            Map<String, String> m = new LinkedHashMap<>(Map.of("--users", "10000", "--think", "5-15", "--ramp", "60",
                "--hold", "180", "--warmup-users", "200", "--warmup", "60", "--ops-token", "bench", "--pids", "",
                "--seed", "20261202", "--timeout", "30"));
            for (int i = 0; i + 1 < a.length; i += 2) {
                m.put(a[i], a[i + 1]);
            }
            if (!m.containsKey("--nodes") || !m.containsKey("--vocabulary")) {
                throw new IllegalArgumentException("usage: Crowd --nodes URL,URL --vocabulary FILE.lua [--users N] [--think MIN-MAX] "
                    + "[--ramp S] [--hold S] [--warmup-users N] [--warmup S] [--ops-token T] [--pids P,P] [--seed N] [--timeout S]");
            }
            String[] think = m.get("--think").split("-");
            return new Options(Arrays.stream(m.get("--nodes").split(",")).map(URI::create).toList(),
                Integer.parseInt(m.get("--users")), Double.parseDouble(think[0]), Double.parseDouble(think[think.length - 1]),
                Integer.parseInt(m.get("--ramp")), Integer.parseInt(m.get("--hold")), Integer.parseInt(m.get("--warmup-users")),
                Integer.parseInt(m.get("--warmup")), Path.of(m.get("--vocabulary")), m.get("--ops-token"),
                m.get("--pids").isEmpty() ? List.of() : Arrays.stream(m.get("--pids").split(",")).map(Long::parseLong).toList(),
                Long.parseLong(m.get("--seed")), Integer.parseInt(m.get("--timeout")), String.join(" ", a));
        }
    }

    /**
     * What shoppers ask for: the categories (GET /api/categories), searches as mix.lua draws them (1-3 words, Zipf
     * over the vocabulary ranked by products containing them, 5 % typed wrong; a brand 15 %, a price range 20 %, a
     * category 20 %; any sort; pages 0-5 halving in weight).
     */
    record Catalog(List<String> categories, long products, List<String> words, double[] zipf, List<String> brands) {
        static final String[] SORTS = {"", "&sort=price", "&sort=-price", "&sort=name", "&sort=-rating"};
        static final int[] PRICES = {5, 10, 20, 50, 100, 200, 500, 1000};

        static Catalog load(Options o) throws Exception {
            String lua = Files.readString(o.vocabulary);
            List<String> words = quoted(lua, "vocabulary = {"), brands = quoted(lua, "brands = {");
            double[] zipf = new double[words.size()];
            double total = 0;
            for (int i = 0; i < zipf.length; i++) {
                zipf[i] = total += 1.0 / (i + 1);
            }
            String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(o.nodes.get(0).resolve("/api/categories")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            List<String> categories = new ArrayList<>();
            long products = 0;
            Matcher m = Pattern.compile("\"name\":\"([^\"]+)\",\"productCount\":(\\d+)").matcher(json);
            while (m.find()) {
                categories.add(m.group(1));
                products += Long.parseLong(m.group(2));
            }
            log("catalog: %d products in %d categories; %d search words, %d brands", products, categories.size(), words.size(), brands.size());
            return new Catalog(categories, products, words, zipf, brands);
        }

        static List<String> quoted(String lua, String block) {
            int from = lua.indexOf(block);
            String inside = lua.substring(from + block.length(), lua.indexOf('}', from));
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(inside);
            while (m.find()) {
                out.add(m.group(1));
            }
            return out;
        }

        String browse(SplittableRandom r) {
            return "/api/products?category=" + enc(pick(r, categories)) + SORTS[r.nextInt(SORTS.length)] + "&page=" + page(r);
        }

        String search(SplittableRandom r) {
            double n = r.nextDouble();
            int count = n < 0.55 ? 1 : n < 0.85 ? 2 : 3;
            StringBuilder q = new StringBuilder();
            for (int i = 0; i < count; i++) {
                q.append(i == 0 ? "" : " ").append(typed(r));
            }
            StringBuilder path = new StringBuilder("/api/products?q=").append(enc(q.toString()));
            if (r.nextDouble() < 0.15) {
                path.append("&brand=").append(enc(pick(r, brands)));
            }
            if (r.nextDouble() < 0.2) {
                int low = r.nextInt(PRICES.length - 1);
                path.append("&minPrice=").append(PRICES[low]).append("&maxPrice=").append(PRICES[low + 1 + r.nextInt(PRICES.length - 1 - low)]);
            }
            if (r.nextDouble() < 0.2) {
                path.append("&category=").append(enc(pick(r, categories)));
            }
            return path.append(SORTS[r.nextInt(SORTS.length)]).append("&page=").append(page(r)).toString();
        }

        String typed(SplittableRandom r) {
            int i = Arrays.binarySearch(zipf, r.nextDouble() * zipf[zipf.length - 1]);
            String w = words.get(Math.min(i < 0 ? -i - 1 : i, words.size() - 1));
            if (r.nextDouble() >= 0.05) {
                return w;
            }
            if (w.length() >= 4 && r.nextBoolean()) { // two neighbouring letters swapped
                int k = r.nextInt(w.length() - 1);
                return w.substring(0, k) + w.charAt(k + 1) + w.charAt(k) + w.substring(k + 2);
            }
            StringBuilder absent = new StringBuilder("q"); // a word no product has
            for (int k = 4 + r.nextInt(5); k > 0; k--) {
                absent.append((char) ('a' + r.nextInt(26)));
            }
            return absent.toString();
        }

        static int page(SplittableRandom r) {
            double x = r.nextDouble() * (63.0 / 32);
            int p = 0;
            for (double weight = 1; x > weight && p < 5; weight /= 2) {
                x -= weight;
                p++;
            }
            return p;
        }

        static <T> T pick(SplittableRandom r, List<T> list) {
            return list.get(r.nextInt(list.size()));
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** Latencies and answers of one route in one phase; answers other than 2xx and 409 are errors. */
    static final class RouteStats {
        long[] micros = new long[1024];
        int n;
        final TreeMap<String, Long> answers = new TreeMap<>();
        final List<String> examples = new ArrayList<>();

        void add(long us, String answer) {
            if (n == micros.length) {
                micros = Arrays.copyOf(micros, n * 2);
            }
            micros[n++] = us;
            answers.merge(answer, 1L, Long::sum);
        }

        long errors() {
            return answers.entrySet().stream().filter(e -> !e.getKey().startsWith("2") && !e.getKey().equals("409"))
                .mapToLong(Map.Entry::getValue).sum();
        }

        double percentileMs(double p) {
            if (n == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(micros, n);
            Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1)] / 1000.0;
        }
    }

    /** One phase's routes, and how late the client sent its requests (time from a request's due time to its send). */
    static final class Stats {
        final Map<String, RouteStats> routes = new LinkedHashMap<>();
        final RouteStats lag = new RouteStats();

        Stats() {
            ROUTES.forEach(r -> routes.put(r, new RouteStats()));
        }

        long errors() {
            return routes.values().stream().mapToLong(RouteStats::errors).sum();
        }
    }

    /** A shopper: its connection, its session, the products it saw last and its cart; one request at a time. */
    static final class Shopper {
        final int no;
        final int node;
        final int thinkDivisor;
        SocketChannel ch;
        String sid;
        final long[] seen = new long[20];
        int seenCount;
        int cartItems;
        boolean paying;
        int orders;
        boolean stopped;
        boolean seated;
        int generation;
        String route;
        String path;
        ByteBuffer out;
        long sentNs;
        boolean inFlight;
        byte[] in = new byte[4096];
        int inLen;

        Shopper(int no, int node, int thinkDivisor) {
            this.no = no;
            this.node = node;
            this.thinkDivisor = thinkDivisor;
        }
    }

    record Timer(long due, Shopper shopper, int generation) {
    }

    record Answer(int status, boolean close, String body, int length) {
    }

    /** The one thread that drives every connection; other threads hand it work through post(). */
    static final class Loop implements Runnable {
        final Options o;
        final Catalog catalog;
        final Selector selector;
        final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
        final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
        final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16);
        final List<Shopper> shoppers = new ArrayList<>();
        final InetSocketAddress[] addresses;
        final SplittableRandom random;
        volatile boolean running = true;
        volatile int open;
        volatile int inFlight;
        volatile int seated; // shoppers of the crowd that have had their first session
        volatile Stats stats = new Stats();
        long serverCloses;
        int loudErrors;
        long lastScan;
        int serial;

        Loop(Options o, Catalog catalog) throws IOException {
            this.o = o;
            this.catalog = catalog;
            this.selector = Selector.open();
            this.addresses = o.nodes.stream().map(u -> new InetSocketAddress(u.getHost(), u.getPort())).toArray(InetSocketAddress[]::new);
            this.random = new SplittableRandom(o.seed);
        }

        void post(Runnable command) {
            commands.add(command);
            selector.wakeup();
        }

        /** COUNT new shoppers, round-robin over the nodes, connecting evenly over RAMP seconds. */
        void start(int count, int thinkDivisor, int rampS) {
            long now = System.nanoTime();
            seated = 0; // counts the shoppers of this start (the warm-up's are gone by the crowd's)
            for (int i = 0; i < count; i++) {
                Shopper s = new Shopper(serial++, i % addresses.length, thinkDivisor);
                shoppers.add(s);
                timers.add(new Timer(now + (long) i * rampS * 1_000_000_000L / count, s, s.generation));
            }
        }

        /** The phase's figures so far; the loop goes on into a new set (a few answers may land in either). */
        Stats swapStats() {
            Stats done = stats;
            stats = new Stats();
            return done;
        }

        /** No shopper starts another request; those in flight are answered. */
        void drain() {
            for (Shopper s : shoppers) {
                s.stopped = true;
                s.generation++;
            }
        }

        void closeAll() {
            for (Shopper s : shoppers) {
                s.stopped = true;
                s.generation++;
                close(s);
            }
            shoppers.clear();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    for (Runnable c; (c = commands.poll()) != null; ) {
                        c.run();
                    }
                    long now = System.nanoTime();
                    while (!timers.isEmpty() && timers.peek().due <= now) {
                        Timer t = timers.poll();
                        if (t.generation == t.shopper.generation && !t.shopper.stopped) {
                            act(t.shopper, t.due);
                        }
                    }
                    long waitMs = timers.isEmpty() ? 100 : Math.max(1, (timers.peek().due - now) / 1_000_000);
                    selector.select(Math.min(waitMs, 100));
                    for (SelectionKey k : selector.selectedKeys()) {
                        ready(k);
                    }
                    selector.selectedKeys().clear();
                    if (now - lastScan > 1_000_000_000L) {
                        lastScan = now;
                        timeouts(now);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Time for the shopper's next step: connect first if it holds no connection. */
        void act(Shopper s, long due) {
            if (s.ch == null) {
                connect(s);
                return;
            }
            Request req = next(s);
            s.route = req.route;
            s.path = req.path;
            s.out = ByteBuffer.wrap(req.bytes(o.nodes.get(s.node)));
            s.inFlight = true;
            inFlight++;
            long now = System.nanoTime();
            s.sentNs = now;
            stats.lag.add((now - due) / 1000, "200");
            write(s);
        }

        void connect(Shopper s) {
            try {
                s.ch = SocketChannel.open();
                s.ch.configureBlocking(false);
                s.ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (s.ch.connect(addresses[s.node])) {
                    connected(s);
                } else {
                    s.ch.register(selector, SelectionKey.OP_CONNECT, s);
                }
            } catch (IOException e) {
                failed(s, "connect", e.toString());
            }
        }

        void connected(Shopper s) throws IOException {
            s.ch.register(selector, SelectionKey.OP_READ, s);
            open++;
            act(s, System.nanoTime()); // a new connection's first step comes at once (its session, or the step it waited for)
        }

        Request next(Shopper s) {
            SplittableRandom r = random;
            if (s.sid == null) {
                return new Request("session", "POST", "/api/sessions", null, null);
            }
            if (s.paying) {
                return new Request("checkout", "POST", "/api/sessions/" + s.sid + "/checkout", null,
                    "crowd-" + o.seed + "-" + s.no + "-" + (s.orders + 1));
            }
            double x = r.nextDouble();
            if (s.cartItems > 0 && x < 0.06) {
                return new Request("cart-view", "GET", "/api/sessions/" + s.sid + "/cart", null, null);
            }
            if (x < 0.40) {
                return new Request("browse", "GET", catalog.browse(r), null, null);
            }
            if (x < 0.70) {
                return new Request("search", "GET", catalog.search(r), null, null);
            }
            long id = s.seenCount > 0 ? s.seen[r.nextInt(s.seenCount)] : 1 + r.nextLong(Math.max(1, catalog.products));
            if (x < 0.88) {
                return new Request("detail", "GET", "/api/products/" + id, null, null);
            }
            return new Request("cart-add", "PUT", "/api/sessions/" + s.sid + "/cart/items/" + id, "{\"quantity\":1}", null);
        }

        void write(Shopper s) {
            try {
                s.ch.write(s.out);
                SelectionKey k = s.ch.keyFor(selector);
                k.interestOps(s.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            } catch (IOException e) {
                failed(s, s.route, e.toString());
            }
        }

        void ready(SelectionKey k) {
            Shopper s = (Shopper) k.attachment();
            if (!k.isValid()) {
                return;
            }
            try {
                if (k.isConnectable()) {
                    s.ch.finishConnect();
                    connected(s);
                    return;
                }
                if (k.isWritable()) {
                    write(s);
                }
                if (k.isValid() && k.isReadable()) {
                    read(s);
                }
            } catch (IOException e) {
                failed(s, s.inFlight ? s.route : "connect", e.toString());
            }
        }

        void read(Shopper s) throws IOException {
            readBuffer.clear();
            int n = s.ch.read(readBuffer);
            if (n < 0) {
                if (s.inFlight) {
                    failed(s, s.route, "connection closed by the node before the answer");
                } else { // an idle connection the node closed: the shopper reconnects at its next step
                    serverCloses++;
                    close(s);
                }
                return;
            }
            readBuffer.flip();
            if (s.inLen + n > s.in.length) {
                s.in = Arrays.copyOf(s.in, Math.max(s.in.length * 2, s.inLen + n));
            }
            readBuffer.get(s.in, s.inLen, n);
            s.inLen += n;
            Answer a = s.inFlight ? Http.parse(s.in, s.inLen, s.route.equals("session") || s.route.equals("browse")
                || s.route.equals("search")) : null;
            if (a != null) {
                answered(s, a);
            } else if (!s.inFlight) {
                s.inLen = 0;
            }
        }

        void answered(Shopper s, Answer a) {
            long us = (System.nanoTime() - s.sentNs) / 1000;
            s.inFlight = false;
            inFlight--;
            s.inLen = 0;
            String route = s.route;
            record(s, route, us, Integer.toString(a.status), a);
            if (route.equals("session") && a.status == 201) {
                Matcher m = SESSION_ID.matcher(a.body);
                s.sid = m.find() ? m.group(1) : null;
                s.cartItems = 0;
                if (!s.seated && s.sid != null) {
                    s.seated = true;
                    seated++;
                }
            } else if ((route.equals("browse") || route.equals("search")) && a.status == 200) {
                Matcher m = PRODUCT_ID.matcher(a.body);
                int k = 0;
                while (m.find() && k < s.seen.length) {
                    s.seen[k++] = Long.parseLong(m.group(1));
                }
                s.seenCount = k > 0 ? k : s.seenCount;
            } else if (route.equals("cart-add") && a.status == 200) {
                s.cartItems++;
            } else if (route.equals("cart-view")) {
                s.paying = a.status == 200; // looked at the cart: the next step pays
            } else if (route.equals("checkout")) {
                s.paying = false;
                if (a.status == 201 || a.status == 200) {
                    s.orders++;
                    s.cartItems = 0;
                } else { // out of stock (409) or an error: the shopper leaves that cart and starts a new session
                    s.sid = null;
                }
            }
            if (a.close) {
                serverCloses++;
                close(s);
            }
            think(s);
        }

        void record(Shopper s, String route, long us, String answer, Answer a) {
            RouteStats rs = stats.routes.get(route);
            rs.add(us, answer);
            if (!answer.startsWith("2") && !answer.equals("409")) {
                String example = String.format(Locale.ROOT, "%s %s -> %s %s", route, route.equals("connect") ? "" : s.path,
                    answer, a == null || a.body == null ? "" : a.body.substring(0, Math.min(200, a.body.length())));
                if (rs.examples.size() < 5) {
                    rs.examples.add(example);
                }
                if (loudErrors++ < 50) {
                    System.err.println("\033[1;31m*** ERROR: " + example + "\033[0m");
                }
            }
        }

        void think(Shopper s) {
            if (s.stopped) {
                return;
            }
            double seconds = (o.thinkMin + random.nextDouble() * (o.thinkMax - o.thinkMin)) / s.thinkDivisor;
            timers.add(new Timer(System.nanoTime() + (long) (seconds * 1e9), s, s.generation));
        }

        void failed(Shopper s, String route, String why) {
            if (s.inFlight) {
                s.inFlight = false;
                inFlight--;
            }
            long us = route.equals("connect") ? 0 : (System.nanoTime() - s.sentNs) / 1000; // a connect is not timed
            record(s, route, us, "socket error", new Answer(0, true, why, 0));
            close(s);
            think(s);
        }

        void close(Shopper s) {
            if (s.ch == null) {
                return;
            }
            boolean wasOpen = s.ch.isConnected();
            try {
                s.ch.close();
            } catch (IOException ignored) {
                // closing: nothing left to do with it
            }
            s.ch = null;
            s.inLen = 0;
            if (s.inFlight) {
                s.inFlight = false;
                inFlight--;
            }
            if (wasOpen) {
                open--;
            }
        }

        /** Requests unanswered after --timeout: a timeout, the connection dropped, the shopper reconnects later. */
        void timeouts(long now) {
            for (Shopper s : shoppers) {
                if (s.inFlight && now - s.sentNs > o.timeoutS * 1_000_000_000L) {
                    s.inFlight = false;
                    inFlight--;
                    record(s, s.route, (now - s.sentNs) / 1000, "timeout", null);
                    close(s);
                    think(s);
                }
            }
        }
    }

    record Request(String route, String method, String path, String json, String idempotencyKey) {
        byte[] bytes(URI node) {
            StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(node.getHost()).append(':').append(node.getPort()).append("\r\nAccept: application/json\r\n");
            if (idempotencyKey != null) {
                b.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
            }
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            if (json != null) {
                b.append("Content-Type: application/json\r\n");
            }
            if (!method.equals("GET")) {
                b.append("Content-Length: ").append(body.length).append("\r\n");
            }
            byte[] head = b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }

    /** Just enough HTTP/1.1 for the shop's answers: Content-Length or chunked bodies, Connection: close. */
    static final class Http {
        static Answer parse(byte[] in, int len, boolean wantBody) {
            int headEnd = indexOf(in, 0, len, "\r\n\r\n");
            if (headEnd < 0) {
                return null;
            }
            String head = new String(in, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            wantBody |= status >= 300; // an error's body is printed
            long length = -1;
            boolean chunked = false, close = false;
            for (String line : head.split("\r\n")) {
                String l = line.toLowerCase(Locale.ROOT);
                if (l.startsWith("content-length:")) {
                    length = Long.parseLong(l.substring(15).trim());
                } else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                    chunked = true;
                } else if (l.startsWith("connection:") && l.contains("close")) {
                    close = true;
                }
            }
            int start = headEnd + 4;
            if (chunked) {
                return chunked(in, start, len, status, close, wantBody);
            }
            if (length < 0) {
                length = 0; // the shop always says how long its answers are, or chunks them
            }
            if (len < start + length) {
                return null;
            }
            return new Answer(status, close, wantBody ? new String(in, start, (int) length, StandardCharsets.UTF_8) : "", (int) length);
        }

        static Answer chunked(byte[] in, int pos, int len, int status, boolean close, boolean wantBody) {
            StringBuilder body = new StringBuilder();
            while (true) {
                int lineEnd = indexOf(in, pos, len, "\r\n");
                if (lineEnd < 0) {
                    return null;
                }
                String size = new String(in, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                int n = Integer.parseInt(size, 16);
                if (n == 0) {
                    return indexOf(in, lineEnd + 2, len, "\r\n") < 0 ? null
                        : new Answer(status, close, body.toString(), body.length());
                }
                if (len < lineEnd + 2 + n + 2) {
                    return null;
                }
                if (wantBody) {
                    body.append(new String(in, lineEnd + 2, n, StandardCharsets.UTF_8));
                }
                pos = lineEnd + 2 + n + 2;
            }
        }

        static int indexOf(byte[] in, int from, int len, String what) {
            outer:
            for (int i = from; i <= len - what.length(); i++) {
                for (int j = 0; j < what.length(); j++) {
                    if (in[i + j] != what.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** The nodes' memory and the sockets, read from outside: /metrics, /api/ops/topology, /proc, ss, jcmd. */
    static final class Probe {
        static final Pattern TOPOLOGY_HEAP = Pattern.compile(
            "\"httpPort\":(\\d+)[^}]*?\"heapUsed\":(\\d+)[^}]*?\"offHeapUsed\":(\\d+)");
        final Options o;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Probe(Options o) {
            this.o = o;
        }

        /** One node's memory; RSS only with --pids (in the order of --nodes). */
        record NodeMemory(URI node, long heapMetrics, long heapTopology, long offHeap, long rssBytes) {
        }

        record Reading(String when, List<NodeMemory> nodes, int[] established, double load1) {
            long heap() {
                return nodes.stream().mapToLong(NodeMemory::heapMetrics).sum();
            }

            long rss() {
                return nodes.stream().mapToLong(NodeMemory::rssBytes).sum();
            }
        }

        Reading read(String when) throws Exception {
            for (long pid : o.pids) { // a full collection first, so that heap used is what is held, not garbage
                new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
            if (!o.pids.isEmpty()) {
                Thread.sleep(3000); // the topology's heapUsed comes from Ignite's node metrics, updated every 2 s
            }
            Map<Integer, long[]> topology = new LinkedHashMap<>(); // http port -> {heapUsed, offHeapUsed}
            Matcher m = TOPOLOGY_HEAP.matcher(get(o.nodes.get(0), "/api/ops/topology"));
            while (m.find()) {
                topology.put(Integer.parseInt(m.group(1)), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
            List<NodeMemory> nodes = new ArrayList<>();
            for (int i = 0; i < o.nodes.size(); i++) {
                URI n = o.nodes.get(i);
                long[] t = topology.getOrDefault(n.getPort(), new long[] {-1, -1});
                nodes.add(new NodeMemory(n, heap(get(n, "/metrics")), t[0], t[1], i < o.pids.size() ? rss(o.pids.get(i)) : -1));
            }
            Reading r = new Reading(when, nodes, established(), load1());
            log("heap %s: %s MiB (topology: %s); ESTABLISHED client side %d, node side %d; load %.2f", when,
                nodes.stream().map(x -> Long.toString(x.heapMetrics >> 20)).toList(),
                nodes.stream().map(x -> Long.toString(x.heapTopology >> 20)).toList(), r.established[0], r.established[1], r.load1);
            return r;
        }

        String get(URI node, String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + o.opsToken).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " of " + node + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        /** jvm_memory_used_bytes of the heap's pools (Prometheus text of /metrics). */
        static long heap(String metrics) {
            double sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        }

        static final Pattern BUCKET = Pattern.compile("^http_server_requests_seconds_bucket\\{(.*)\\} ([-0-9.eE+]+)$");
        static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

        /** Cumulative bucket counts of every node's http_server_requests_seconds, summed: route template -> le -> count. */
        Map<String, TreeMap<Double, Double>> serverHistograms() throws Exception {
            Map<String, TreeMap<Double, Double>> out = new TreeMap<>();
            for (URI n : o.nodes) {
                for (String line : get(n, "/metrics").split("\n")) {
                    Matcher b = BUCKET.matcher(line);
                    if (!b.matches()) {
                        continue;
                    }
                    Map<String, String> labels = new LinkedHashMap<>();
                    for (Matcher l = LABEL.matcher(b.group(1)); l.find(); ) {
                        labels.put(l.group(1), l.group(2));
                    }
                    double le = labels.get("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(labels.get("le"));
                    out.computeIfAbsent(labels.get("uri"), u -> new TreeMap<>()).merge(le, Double.parseDouble(b.group(2)), Double::sum);
                }
            }
            return out;
        }

        static Map<String, TreeMap<Double, Double>> minus(Map<String, TreeMap<Double, Double>> a, Map<String, TreeMap<Double, Double>> b) {
            Map<String, TreeMap<Double, Double>> out = new TreeMap<>();
            a.forEach((uri, buckets) -> {
                TreeMap<Double, Double> d = new TreeMap<>();
                buckets.forEach((le, n) -> d.put(le, n - b.getOrDefault(uri, new TreeMap<>()).getOrDefault(le, 0.0)));
                out.put(uri, d);
            });
            return out;
        }

        /** The upper bound of the bucket holding the q-quantile, in ms ("> last" past the largest finite bucket). */
        static String quantileMs(TreeMap<Double, Double> cumulative, double q) {
            double total = cumulative.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
            double lastFinite = 0;
            for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
                if (e.getValue() >= q * total) {
                    return e.getKey().isInfinite() ? String.format(Locale.ROOT, "> %,.0f", lastFinite * 1000)
                        : String.format(Locale.ROOT, "%,.1f", e.getKey() * 1000);
                }
                lastFinite = e.getKey().isInfinite() ? lastFinite : e.getKey();
            }
            return "–";
        }

        static long rss(long pid) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return -1;
        }

        /** ESTABLISHED TCP sockets to the nodes' ports: {client side (peer is a node), node side (local is a node)}. */
        int[] established() throws Exception {
            Process p = new ProcessBuilder("ss", "-tnH", "state", "established").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            int client = 0, node = 0;
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4) {
                    continue;
                }
                for (URI n : o.nodes) {
                    String port = ":" + n.getPort();
                    client += f[3].endsWith(port) ? 1 : 0;
                    node += f[2].endsWith(port) ? 1 : 0;
                }
            }
            return new int[] {client, node};
        }

        static double load1() throws IOException {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }

        /** CPU seconds (user + system) the node JVMs of --pids have used so far (/proc/PID/stat, 100 ticks a second). */
        double nodeCpuSeconds() throws IOException {
            double ticks = 0;
            for (long pid : o.pids) {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
            return ticks / 100.0;
        }

        static double clientCpuSeconds() {
            return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
        }

        Sampler sample(Loop loop, int everyS) {
            Sampler s = new Sampler(this, loop, everyS);
            s.thread.start();
            return s;
        }

        /** Every few seconds: open connections, ESTABLISHED sockets, load average, heap used (no collection forced). */
        static final class Sampler implements Runnable {
            final Probe probe;
            final Loop loop;
            final int everyS;
            final Thread thread = new Thread(this, "crowd-sampler");
            volatile boolean running = true;
            volatile boolean holding;
            int minClientSide = Integer.MAX_VALUE, maxClientSide, samples;
            double loadSum, loadMax;
            long heapMin = Long.MAX_VALUE, heapMax;

            Sampler(Probe probe, Loop loop, int everyS) {
                this.probe = probe;
                this.loop = loop;
                this.everyS = everyS;
            }

            @Override
            public void run() {
                while (running) {
                    try {
                        Thread.sleep(everyS * 1000L);
                        int[] est = probe.established();
                        double load = load1();
                        long heap = 0;
                        for (URI n : probe.o.nodes) {
                            heap += heap(probe.get(n, "/metrics"));
                        }
                        log("%s: %d connections open, %d requests in flight; ESTABLISHED client side %d, node side %d; "
                                + "heap %d MiB; load %.2f", holding ? "hold" : "ramp", loop.open, loop.inFlight, est[0], est[1],
                            heap >> 20, load);
                        if (holding && running) {
                            samples++;
                            minClientSide = Math.min(minClientSide, est[0]);
                            maxClientSide = Math.max(maxClientSide, est[0]);
                            loadSum += load;
                            loadMax = Math.max(loadMax, load);
                            heapMin = Math.min(heapMin, heap);
                            heapMax = Math.max(heapMax, heap);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        log("sampler: %s", e);
                    }
                }
            }

            void stop() throws InterruptedException {
                running = false;
                thread.interrupt();
                thread.join();
            }
        }
    }

    /** The markdown report. */
    record Report(Options o, Stats warm, Stats ramp, double rampS, Stats hold, double holdS, double idleCores, double nodeCpu,
                  double clientCpu, Map<String, TreeMap<Double, Double>> server,
                  Probe.Sampler sampler, Probe.Reading before, Probe.Reading connected, Probe.Reading after,
                  int openAtReading, long serverCloses) {
        long errors() {
            return warm.errors() + ramp.errors() + hold.errors();
        }

        boolean failed() {
            return errors() > 0 || openAtReading < o.users || connected.established[0] < o.users || serverCloses > 0;
        }

        String markdown() {
            StringBuilder md = new StringBuilder();
            long requests = hold.routes.values().stream().mapToLong(r -> r.n).sum();
            md.append(String.format(Locale.ROOT, "%,d shoppers on %d node(s) (%s), thinking %.0f-%.0f s, after a warm-up of "
                    + "%d shoppers thinking a tenth as long for %d s (then disconnected); the crowd connected and opened its "
                    + "sessions in %.0f s, then was measured for %.0f s with all connected.%n%n",
                o.users, o.nodes.size(), String.join(", ", o.nodes.stream().map(URI::toString).toList()), o.thinkMin, o.thinkMax,
                o.warmupUsers, o.warmupS, rampS, holdS));
            md.append(String.format(Locale.ROOT, "- **%,.0f req/s** over the hold (%,d requests); the client sent a request "
                    + "%.1f ms (p50) / %.1f ms (p99) after its due time (its own lag).%n", requests / holdS, requests,
                hold.lag.percentileMs(50), hold.lag.percentileMs(99)));
            md.append(String.format(Locale.ROOT, "- ESTABLISHED sockets to the nodes' ports (`ss -tn state established`, the "
                    + "probe's own 1-2 to /metrics included): client side %,d to %,d during the hold (%d samples); with every shopper "
                    + "connected and idle at the end %,d (node side %,d), %,d connections open in the client; %,d closed by a node.%n",
                sampler.minClientSide == Integer.MAX_VALUE ? 0 : sampler.minClientSide, sampler.maxClientSide, sampler.samples,
                connected.established[0], connected.established[1], openAtReading, serverCloses));
            md.append(String.format(Locale.ROOT, "- Load average (1 min) during the hold: mean %.2f, max %.2f (%d cores). "
                    + "CPU over the hold: the node JVMs %.1f s (%.2f cores, %.2f ms per request; %.2f cores with no request at "
                    + "all before the crowd), the client %.1f s (%.2f cores).%n%n",
                sampler.samples == 0 ? 0 : sampler.loadSum / sampler.samples, sampler.loadMax,
                Runtime.getRuntime().availableProcessors(), nodeCpu, nodeCpu / holdS, requests == 0 ? 0 : 1000 * nodeCpu / requests,
                idleCores, clientCpu, clientCpu / holdS));
            md.append("With every shopper connected (the hold):\n\n").append(table(hold, holdS));
            md.append(serverSide());
            md.append(String.format(Locale.ROOT, "%nWhile the crowd connected (%.0f s; each shopper's first request opens its "
                + "session):%n%n", rampS)).append(table(ramp, rampS));
            md.append('\n').append(errors("warm-up", warm)).append(errors("connecting", ramp)).append(errors("hold", hold));
            if (errors() == 0) {
                md.append("Every answer of every phase (warm-up, connecting, hold) was 2xx or 409 (out of stock); no socket "
                    + "error, no timeout.\n");
            }
            if (openAtReading < o.users || connected.established[0] < o.users || serverCloses > 0) {
                md.append(String.format(Locale.ROOT, "%n<b><span style=\"color:#c00\">🔴 Connections not held</span></b>: "
                        + "%,d of %,d open at the end, %,d ESTABLISHED, %,d closed by a node.%n", openAtReading, o.users,
                    connected.established[0], serverCloses));
            }
            return md.append('\n').append(memory()).toString();
        }

        static String table(Stats stats, double seconds) {
            StringBuilder md = new StringBuilder("| route | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | answers | "
                + "p95 requirement |\n|---|---:|---:|---:|---:|---:|---:|---|---|\n");
            stats.routes.forEach((name, r) -> {
                if (r.n == 0) {
                    return;
                }
                Long target = TARGET_MS.get(name);
                double p95 = r.percentileMs(95);
                md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s |%n", name, r.n,
                    r.n / seconds, r.percentileMs(50), p95, r.percentileMs(99), r.percentileMs(100), answers(r),
                    target == null ? "" : p95 <= target ? "≤ " + target + " ms: met" : "≤ " + target + " ms: **missed**"));
            });
            return md.toString();
        }

        /** The same hold seen by the nodes: their latency histograms per route template, every node and status together. */
        String serverSide() {
            StringBuilder md = new StringBuilder("\nThe nodes' own view of the hold (`http_server_requests_seconds` of /metrics, "
                + "from the request read to the answer written; bucket upper bounds; browse and search share `/api/products`):\n\n"
                + "| route template | requests | p50 ms ≤ | p95 ms ≤ | p99 ms ≤ |\n|---|---:|---:|---:|---:|\n");
            server.forEach((uri, buckets) -> {
                double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
                if (total > 0 && uri.startsWith("/api/")) {
                    md.append(String.format(Locale.ROOT, "| `%s` | %,.0f | %s | %s | %s |%n", uri, total,
                        Probe.quantileMs(buckets, 0.50), Probe.quantileMs(buckets, 0.95), Probe.quantileMs(buckets, 0.99)));
                }
            });
            return md.toString();
        }

        static String answers(RouteStats r) {
            return String.join(", ", r.answers.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).toList());
        }

        static String errors(String phase, Stats s) {
            StringBuilder md = new StringBuilder();
            s.routes.forEach((name, r) -> {
                if (r.errors() > 0) {
                    md.append(String.format(Locale.ROOT, "<b><span style=\"color:#c00\">🔴 Errors</span></b> (%s, %s): %,d "
                        + "of %,d answers (%s); e.g. `%s`%n%n", phase, name, r.errors(), r.n, answers(r), String.join("`; `",
                        r.examples.stream().map(x -> x.replace('`', '\'')).toList())));
                }
            });
            return md.toString();
        }

        String memory() {
            StringBuilder md = new StringBuilder("| node | heap MiB before / while connected / after (topology's heapUsed) | "
                + "RSS MiB before / while connected / after | grid off-heap MiB before / while connected / after |\n"
                + "|---|---|---|---|\n");
            for (int i = 0; i < o.nodes.size(); i++) {
                Probe.NodeMemory b = before.nodes.get(i), c = connected.nodes.get(i), a = after.nodes.get(i);
                md.append(String.format(Locale.ROOT, "| %s | %d / %d / %d (%d / %d / %d) | %s | %d / %d / %d |%n", o.nodes.get(i),
                    b.heapMetrics() >> 20, c.heapMetrics() >> 20, a.heapMetrics() >> 20, b.heapTopology() >> 20,
                    c.heapTopology() >> 20, a.heapTopology() >> 20, b.rssBytes() < 0 ? "–" : String.format(Locale.ROOT,
                        "%d / %d / %d", b.rssBytes() >> 20, c.rssBytes() >> 20, a.rssBytes() >> 20),
                    b.offHeap() >> 20, c.offHeap() >> 20, a.offHeap() >> 20));
            }
            md.append(String.format(Locale.ROOT, "%nMemory per connection (all nodes, %,d connections): heap %.1f KiB "
                    + "(while connected less before; it includes each shopper's session and cart) and %.1f KiB (while "
                    + "connected less after the crowd disconnected: the connections alone)%s. %s%n",
                o.users, (connected.heap() - before.heap()) / 1024.0 / o.users, (connected.heap() - after.heap()) / 1024.0 / o.users,
                o.pids.isEmpty() ? "" : String.format(Locale.ROOT, "; RSS %.1f KiB and %.1f KiB",
                    (connected.rss() - before.rss()) / 1024.0 / o.users, (connected.rss() - after.rss()) / 1024.0 / o.users),
                o.pids.isEmpty() ? "Heap read without forcing a collection (no --pids): garbage included, rough."
                    : "Each heap reading after a full collection (`jcmd PID GC.run`), from /metrics (jvm_memory_used_bytes, area heap)."));
            return md.toString();
        }
    }
}
