/*
 * What memory costs after the CPU was idle, on the machine the benchmarks run on: a thread sleeps,
 * wakes, and reads one byte from each of N pages it touched before it slept; the thread CPU time of
 * those reads, per page, is printed for several sleep lengths (median of the repetitions). On a
 * machine that keeps its caches while idle the cost stays in nanoseconds; on the development VM it
 * grows with the sleep, to microseconds per page after a second, and more at some hours than at
 * others. That is the cost each report of zc-node (and each scrape of node_exporter) pays for the
 * memory it touches (docs/performance.md, "Node footprint", session 6).
 *
 * Build and run (a minute; it only reads its own memory):
 *   gcc -O2 -o /tmp/cold-touch testbed/bench/cold-touch.c && /tmp/cold-touch [PAGES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long thread_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    long pages = argc > 1 ? atol(argv[1]) : 1000;
    if (pages < 1 || pages > 100000) {
        fprintf(stderr, "usage: %s [PAGES, 1 to 100000; default 1000]\n", argv[0]);
        return 2;
    }
    static const long sleeps_us[] = {5000, 20000, 100000, 500000, 1000000};
    const size_t page = 4096;
    volatile char *mem = malloc(pages * page);
    if (mem == NULL) {
        perror("malloc");
        return 1;
    }
    memset((char *)mem, 1, pages * page);
    printf("%ld pages, one byte each (a different line of each page), after a sleep of:\n", pages);
    for (size_t s = 0; s < sizeof sleeps_us / sizeof sleeps_us[0]; s++) {
        long us = sleeps_us[s];
        /* About six seconds per sleep length, at least 5 and at most 60 repetitions. */
        int reps = (int)(6000000 / us);
        reps = reps < 5 ? 5 : reps > 60 ? 60 : reps;
        long long *cost = malloc(reps * sizeof *cost);
        long sum = 0;
        for (int i = -2; i < reps; i++) {
            struct timespec pause = {us / 1000000, (us % 1000000) * 1000};
            nanosleep(&pause, NULL);
            long long t0 = thread_ns();
            for (long p = 0; p < pages; p++) {
                sum += mem[p * page + (p * 64) % page];
            }
            long long t1 = thread_ns();
            if (i >= 0) {
                cost[i] = t1 - t0;
            }
        }
        qsort(cost, reps, sizeof *cost, by_value);
        printf("  %7.3f s: %8.1f us in all, %6.3f us per page (median of %d; sum %ld)\n", us / 1e6,
               cost[reps / 2] / 1e3, cost[reps / 2] / 1e3 / pages, reps, sum % 7);
        free(cost);
    }
    return 0;
}
