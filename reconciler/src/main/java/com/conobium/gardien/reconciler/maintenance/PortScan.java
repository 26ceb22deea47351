package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code portScan}: the server's ports as the outside sees them — every TCP port and the common
 * UDP ones, scanned by nmap from the controller ({@link NmapScanner}) — against the ports its
 * manifest opens. An open port the manifest does not open fails; a port it opens that does not
 * answer warns (the service behind it is down, or the firewall limits it to other sources).
 * Judging nmap's XML report is pure.
 */
final class PortScan {
  static final String NAME = "portScan";

  /** What a scan gives: nmap's XML report and what was scanned. */
  record Scan(String xml, String scope, String note) {}

  /** Runs a scan of an address. */
  interface Scanner {
    Scan scan(String address) throws ScanException;
  }

  /** A scan that could not run. */
  static final class ScanException extends Exception {
    ScanException(String message) {
      super(message);
    }
  }

  private PortScan() {}

  static OperationResult judge(Scan scan, MaintenanceContext context) {
    Set<String> open = new TreeSet<>(PortScan::byNumber);
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setExpandEntityReferences(false);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(scan.xml().getBytes(StandardCharsets.UTF_8)));
      NodeList ports = doc.getElementsByTagName("port");
      for (int i = 0; i < ports.getLength(); i++) {
        Element port = (Element) ports.item(i);
        Element state = (Element) port.getElementsByTagName("state").item(0);
        if (state != null && "open".equals(state.getAttribute("state"))) {
          open.add(port.getAttribute("portid") + "/" + port.getAttribute("protocol"));
        }
      }
      if (doc.getElementsByTagName("runstats").getLength() == 0) {
        return OperationResult.failed(NAME, "nmap's report is incomplete", null);
      }
    } catch (Exception e) {
      return OperationResult.failed(NAME, "nmap's report could not be read: " + e.getMessage(), null);
    }
    Set<String> expected = context.expected().openPorts();
    List<String> unexpected = open.stream().filter(p -> !expected.contains(p)).toList();
    List<String> silent = new ArrayList<>(expected.stream().filter(p -> !open.contains(p))
        .filter(p -> p.endsWith("/tcp") || scan.scope().contains("udp")).sorted(PortScan::byNumber).toList());
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("address", context.address());
    details.put("scanned", scan.scope());
    if (scan.note() != null) {
      details.put("note", scan.note());
    }
    details.set("open", Upgrades.strings(List.copyOf(open)));
    details.set("expected", Upgrades.strings(expected.stream().sorted(PortScan::byNumber).toList()));
    details.set("unexpected", Upgrades.strings(unexpected));
    details.set("expectedButClosed", Upgrades.strings(silent));
    if (!unexpected.isEmpty()) {
      return OperationResult.failed(NAME, "open but not opened by the manifest: " + String.join(", ", unexpected), details);
    }
    if (!silent.isEmpty()) {
      return OperationResult.warning(NAME, "opened by the manifest but not answering from " + "the controller: "
          + String.join(", ", silent), details);
    }
    return OperationResult.ok(NAME, "exactly the manifest's ports are open: " + String.join(", ", open), details);
  }

  private static int byNumber(String a, String b) {
    int pa = Integer.parseInt(a.substring(0, a.indexOf('/')));
    int pb = Integer.parseInt(b.substring(0, b.indexOf('/')));
    return pa != pb ? Integer.compare(pa, pb) : a.compareTo(b);
  }
}
