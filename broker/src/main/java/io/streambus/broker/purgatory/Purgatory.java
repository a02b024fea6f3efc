package io.streambus.broker.purgatory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delayed operations waiting for events on watch keys (a partition for Fetch long-poll and acks=all).
 * {@link #tryCompleteElseWatch} parks an operation under its keys and on the timer; the component
 * that changes state calls {@link #checkAndComplete(Object)} for the key it changed (after an append,
 * a high-watermark move), which re-checks only the operations watching that key. No polling.
 *
 * <p>Thread-safe. Each key's watch list has its own lock, never held while an operation's
 * {@code tryComplete} runs. Operations completed through another key linger in a list until that key
 * is checked or a periodic purge (every {@value #PURGE_EVERY_WATCHES} watches) drops them.
 *
 * @param <K> the watch key type; needs equals/hashCode
 */
public final class Purgatory<K> {

    static final int PURGE_EVERY_WATCHES = 1024;

    private final String name;
    private final DelayedOperationTimer timer;
    private final ConcurrentHashMap<K, WatchList> watchLists = new ConcurrentHashMap<>();
    private final AtomicInteger watchesSincePurge = new AtomicInteger();

    public Purgatory(String name, DelayedOperationTimer timer) {
        this.name = name;
        this.timer = timer;
    }

    public String name() {
        return name;
    }

    /**
     * Completes the operation now if it can; otherwise watches it under every key and schedules its
     * expiry. Returns true if it completed during this call.
     */
    public boolean tryCompleteElseWatch(DelayedOperation operation, Collection<K> keys) {
        if (operation.safeTryComplete()) {
            return true;
        }
        for (K key : keys) {
            if (operation.isCompleted()) {
                return false;
            }
            watch(key, operation);
        }
        // An event may have fired between the first check and the watches: check once more.
        if (operation.safeTryComplete()) {
            return true;
        }
        if (!operation.isCompleted()) {
            timer.add(operation);
            if (operation.isCompleted()) {
                operation.cancel(); // completed by an event while being scheduled
            }
        }
        if (watchesSincePurge.addAndGet(keys.size()) >= PURGE_EVERY_WATCHES) {
            watchesSincePurge.set(0);
            purgeCompleted();
        }
        return false;
    }

    /** Re-checks the operations watching {@code key}; returns how many completed. */
    public int checkAndComplete(K key) {
        WatchList list = watchLists.get(key);
        if (list == null) {
            return 0;
        }
        int completed = 0;
        for (DelayedOperation operation : list.snapshot()) {
            if (operation.safeTryComplete()) {
                completed++;
            }
        }
        list.removeCompleted();
        removeIfEmpty(key, list);
        return completed;
    }

    /** Operations watched under {@code key} (including completed ones not yet purged). */
    public int watched(K key) {
        WatchList list = watchLists.get(key);
        return list == null ? 0 : list.size();
    }

    /** Operations waiting for their deadline. */
    public int delayed() {
        return timer.size();
    }

    /** Drops completed operations from every watch list. */
    public void purgeCompleted() {
        watchLists.forEach((key, list) -> {
            list.removeCompleted();
            removeIfEmpty(key, list);
        });
    }

    private void watch(K key, DelayedOperation operation) {
        while (true) {
            WatchList list = watchLists.computeIfAbsent(key, k -> new WatchList());
            if (list.add(operation)) {
                return;
            }
            // The list was emptied and retired concurrently; a fresh one will be created.
        }
    }

    private void removeIfEmpty(K key, WatchList list) {
        if (list.retireIfEmpty()) {
            watchLists.remove(key, list);
        }
    }

    /** The operations watching one key. Its monitor guards the list and the retired flag. */
    private static final class WatchList {

        private final List<DelayedOperation> operations = new ArrayList<>();
        private boolean retired;

        synchronized boolean add(DelayedOperation operation) {
            if (retired) {
                return false;
            }
            operations.add(operation);
            return true;
        }

        synchronized DelayedOperation[] snapshot() {
            return operations.toArray(DelayedOperation[]::new);
        }

        synchronized void removeCompleted() {
            operations.removeIf(DelayedOperation::isCompleted);
        }

        synchronized boolean retireIfEmpty() {
            if (operations.isEmpty()) {
                retired = true;
            }
            return retired;
        }

        synchronized int size() {
            return operations.size();
        }
    }
}
