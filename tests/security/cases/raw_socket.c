/* Attack: open a raw IP socket (spoofing, sniffing).
 * Expected containment: EPERM (seccomp errno rule; the kernel would also refuse without
 * CAP_NET_RAW) -> CONTAINED. */
#include "case.h"
#include <sys/socket.h>
#include <netinet/in.h>
int main(void) {
  int a = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
  int ea = errno;
  int b = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
  if (a >= 0 || b >= 0) ESCAPED("raw socket created");
  CONTAINED("raw sockets refused: %s / %s", strerror(ea), strerror(errno));
}
