package com.conobium.gardien.reconciler.notify;

/**
 * Where the daemon's messages to people go (the Fleet's mail relay, through {@link MailNotifier}):
 * the monitoring's alerts and recovery notices, the maintenance summaries. A failure to send is
 * the notifier's to log; the caller goes on.
 */
@FunctionalInterface
public interface Notifier {
  void send(Notification notification);
}
