/* Attack: connect to an abstract AF_UNIX socket of a host process (argv[1] = name).
 * Abstract sockets are scoped by network namespace.
 * Expected containment: ECONNREFUSED -> CONTAINED; the runner checks no connection. */
#include "case.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
int main(int argc, char** argv) {
  if (argc < 2) return 2;
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  size_t n = strlen(argv[1]);
  if (n + 1 > sizeof a.sun_path) return 2;
  memcpy(a.sun_path + 1, argv[1], n);
  if (connect(s, (struct sockaddr*)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)) == 0)
    ESCAPED("connected to host abstract socket @%s", argv[1]);
  CONTAINED("abstract socket @%s unreachable: %s", argv[1], strerror(errno));
}
