/* Attack: connect to a service listening on the HOST's loopback (argv[1] = port).
 * Expected containment: the sandbox has its own network namespace, so 127.0.0.1 is not
 * the host's: the connection fails -> CONTAINED; the runner checks its listener saw no
 * connection. */
#include "case.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
int main(int argc, char** argv) {
  if (argc < 2) return 2;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) CONTAINED("no TCP socket at all: %s", strerror(errno));
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[1]))};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(s, (struct sockaddr*)&a, sizeof a) == 0) ESCAPED("connected to host 127.0.0.1:%s", argv[1]);
  CONTAINED("connect 127.0.0.1:%s failed: %s", argv[1], strerror(errno));
}
