package gridshop.bench;

import com.sun.tools.attach.VirtualMachine;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The messages the node JVMs have sent each other so far, by Ignite message type: attaches to each node (the local
 * JMX agent) and sums TcpCommunicationSpi's SentMessagesByType. Empty when a node cannot be attached to.
 */
final class MessageTypes {
    private MessageTypes() {
    }

    static Map<String, Long> sent(Collection<Long> pids) {
        Map<String, Long> sent = new TreeMap<>();
        try {
            for (long pid : pids) {
                VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
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
        } catch (Exception e) {
            return Map.of();
        }
        return sent;
    }
}
