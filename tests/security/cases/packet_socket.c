/* Attack: open an AF_PACKET socket (sniff/inject at layer 2).
 * Expected containment: EPERM -> CONTAINED. */
#include "case.h"
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <arpa/inet.h>
int main(void) {
  int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
  if (s >= 0) ESCAPED("packet socket created");
  CONTAINED("packet socket refused: %s", strerror(errno));
}
