import com.sun.tools.attach.VirtualMachine;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The messages the node JVMs have sent each other so far, by Ignite message type, for the scale-out of
 * scripts/bench/run: attaches to each node (the local JMX agent) and sums TcpCommunicationSpi's SentMessagesByType.
 *   java scripts/bench/MessageTypes.java PID…
 * Prints one "TYPE COUNT" line per message type.
 */
public final class MessageTypes {
    public static void main(String[] args) throws Exception {
        Map<String, Long> sent = new TreeMap<>();
        for (String pid : args) {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
                MBeanServerConnection s = c.getMBeanServerConnection();
                for (ObjectName n : s.queryNames(new ObjectName("org.apache:name=TcpCommunicationSpi,*"), null)) {
                    @SuppressWarnings("unchecked")
                    Map<String, Long> m = (Map<String, Long>) s.getAttribute(n, "SentMessagesByType");
                    m.forEach((type, count) -> sent.merge(type, count, Long::sum));
                }
            } finally {
                vm.detach();
            }
        }
        sent.forEach((type, count) -> System.out.println(type + " " + count));
    }
}
