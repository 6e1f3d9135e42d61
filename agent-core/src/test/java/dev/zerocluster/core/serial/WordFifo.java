package dev.zerocluster.core.serial;

/** A 128-word hardware FIFO of the chip model. */
final class WordFifo {

    static final int CAPACITY = 128;

    private final int[] words = new int[CAPACITY];
    private int head;
    private int size;

    int size() {
        return size;
    }

    int free() {
        return CAPACITY - size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(int word) {
        if (size == CAPACITY) {
            throw new IllegalStateException("FIFO full");
        }
        words[(head + size) % CAPACITY] = word;
        size++;
    }

    int pop() {
        if (size == 0) {
            throw new IllegalStateException("FIFO empty");
        }
        int word = words[head];
        head = (head + 1) % CAPACITY;
        size--;
        return word;
    }

    void clear() {
        head = 0;
        size = 0;
    }
}
