/* tinycontainer hostile-workload suite — helpers shared by every case.
 * A case tries ONE escape or abuse from inside the sandbox. It ends in one of three ways:
 *   - the sandbox stops it (security_violation naming the syscall): expected for cases
 *     whose attack is a dangerous syscall; if the syscall merely returns, the case
 *     prints "NOT-STOPPED" and exits 3 so the runner sees the filter did not fire;
 *   - CONTAINED(...): the attack failed as it must; prints "CONTAINED: ..." and exits 0;
 *   - ESCAPED(...): the attack worked; prints "ESCAPED: ..." and exits 1.
 * Every case is harmless when run WITHOUT a sandbox as root: arguments are chosen so the
 * kernel rejects them (bad magic, invalid flags, O_WRONLY opens that never write). */
#ifndef TC_SECURITY_CASE_H
#define TC_SECURITY_CASE_H
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONTAINED(...) do { printf("CONTAINED: "); printf(__VA_ARGS__); printf("\n"); fflush(stdout); exit(0); } while (0)
#define ESCAPED(...) do { printf("ESCAPED: "); printf(__VA_ARGS__); printf("\n"); fflush(stdout); exit(1); } while (0)
#define NOT_STOPPED(name, rc) do { printf("NOT-STOPPED: %s returned %ld errno=%d (%s)\n", name, (long)(rc), errno, strerror(errno)); fflush(stdout); exit(3); } while (0)

#endif
