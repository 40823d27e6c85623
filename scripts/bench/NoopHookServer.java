import com.sun.net.httpserver.HttpServer;
import io.hookmeter.hook.http.BlockingHttpServer;
import io.hookmeter.hook.http.HttpResponse;
import io.hookmeter.hook.http.HttpServerErrors;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * bench-hook's yardsticks for POST /hook: a server answering 204 without doing anything. {@code blocking}: the
 * agent's own HTTP server (a thread per connection, from the built jar on the class path); {@code jdk}: the JDK's
 * {@code com.sun.net.httpserver} with 8 workers, the library the agent used before. Prints its port, serves until
 * killed.
 * usage: java -cp hookmeter.jar NoopHookServer.java blocking|jdk
 */
public class NoopHookServer {
    public static void main(String[] args) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        int port;
        if (args.length > 0 && args[0].equals("jdk")) {
            HttpServer server = HttpServer.create(address, 64);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            port = server.getAddress().getPort();
        } else {
            port = BlockingHttpServer.start(address, Map.of("/hook", request -> HttpResponse.NO_CONTENT), 1 << 20, 64,
                    30_000, new HttpServerErrors() {
                        @Override
                        public void handlerFailed(String path, Exception e) {
                            System.err.println(path + ": " + e);
                        }

                        @Override
                        public void connectionRefused(String why) {
                            System.err.println(why);
                        }
                    }).address().getPort();
        }
        System.out.println(port);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
