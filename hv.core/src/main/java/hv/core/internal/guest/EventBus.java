package hv.core.internal.guest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import hv.core.guest.GuestEvent;
import hv.core.guest.GuestListener;

/** Delivers guest events to listeners in order, on one thread of its own: publishing never blocks. */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final GuestEvent STOP = new GuestEvent(GuestEvent.Type.ERROR, "", -1, null, "stop", 0);

    private final List<GuestListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<GuestEvent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile long delivered;
    private volatile long published;

    public EventBus() {
        thread = new Thread(this::loop, "hv-events");
        thread.setDaemon(true);
        thread.start();
    }

    public void add(GuestListener l) {
        listeners.add(l);
    }

    public void remove(GuestListener l) {
        listeners.remove(l);
    }

    public void publish(GuestEvent e) {
        synchronized (this) {
            published++;
        }
        queue.add(e);
    }

    /** Waits until every event published so far was delivered (tests). */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        long target;
        synchronized (this) {
            target = published;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (delivered < target) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private void loop() {
        while (true) {
            GuestEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                return;
            }
            if (e == STOP) {
                return;
            }
            for (GuestListener l : listeners) {
                try {
                    l.guestEvent(e);
                } catch (RuntimeException | LinkageError ex) {
                    LOG.warn("guest listener {} failed on {}", l, e, ex);
                }
            }
            delivered++;
        }
    }

    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
