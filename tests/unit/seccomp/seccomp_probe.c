/* tinycontainer tests — seccomp probe: performs ONE syscall named by argv[1] and prints
 * "result=<return value> errno=<errno number>" so the test can assert what the filter
 * did. Run under a filter by filtered_run.hpp. Built without sanitizers (their runtimes
 * make syscalls of their own). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(long rc) {
  printf("result=%ld errno=%d\n", rc, rc < 0 ? errno : 0);
  fflush(stdout);
}

static long int80_getpid(void) {
  long ret = 20; /* i386 __NR_getpid */
  __asm__ volatile("int $0x80" : "+a"(ret) : : "memory");
  if (ret < 0 && ret > -4096) { errno = (int)-ret; return -1; }
  return ret;
}

static void* thread_fn(void* arg) { return arg; }
static void* thread_mount(void* arg) {
  report(mount("none", "/tmp", "tmpfs", 0, NULL));
  return arg;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const char* what = argv[1];
  errno = 0;
  if (!strcmp(what, "getpid")) report(syscall(SYS_getpid));
  else if (!strcmp(what, "nr") && argc > 2) report(syscall(atol(argv[2])));
  else if (!strcmp(what, "clone3")) {
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.exit_signal = SIGCHLD;
    long rc = syscall(SYS_clone3, &args, sizeof args);
    if (rc == 0) _exit(0);
    report(rc);
  } else if (!strcmp(what, "mount")) report(mount("none", "/tmp", "tmpfs", 0, NULL));
  else if (!strcmp(what, "i386")) report(int80_getpid());
  else if (!strcmp(what, "x32")) report(syscall(39 | 0x40000000L)); /* x32 getpid */
  else if (!strcmp(what, "tiocsti")) { char c = 'x'; report(ioctl(0, TIOCSTI, &c)); }
  else if (!strcmp(what, "tiocsti-hi")) { char c = 'x'; report(syscall(SYS_ioctl, 0, 0x100000000UL | TIOCSTI, &c)); }
  else if (!strcmp(what, "tcgets")) report(syscall(SYS_ioctl, 0, TCGETS, NULL));
  else if (!strcmp(what, "clone-newuser")) {
    long rc = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
    if (rc == 0) _exit(0);
    report(rc);
  } else if (!strcmp(what, "socket-packet")) report(socket(AF_PACKET, SOCK_RAW, 0));
  else if (!strcmp(what, "socket-raw")) report(socket(AF_INET, SOCK_RAW, 1));
  else if (!strcmp(what, "socket-tcp")) report(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  else if (!strcmp(what, "socket-unix")) report(socket(AF_UNIX, SOCK_STREAM, 0));
  else if (!strcmp(what, "socket-alg")) report(socket(38 /* AF_ALG */, SOCK_SEQPACKET, 0));
  else if (!strcmp(what, "personality-query")) report(personality(0xffffffff));
  else if (!strcmp(what, "personality-norandom")) report(personality(ADDR_NO_RANDOMIZE));
  else if (!strcmp(what, "unshare")) report(unshare(CLONE_NEWNS));
  else if (!strcmp(what, "thread")) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, thread_fn, NULL);
    if (rc == 0) rc = pthread_join(t, NULL);
    errno = rc;
    report(rc == 0 ? 0 : -1);
  } else if (!strcmp(what, "thread-mount")) {
    pthread_t t;
    if (pthread_create(&t, NULL, thread_mount, NULL) == 0) pthread_join(t, NULL);
    report(0);
  } else return 2;
  return 0;
}
