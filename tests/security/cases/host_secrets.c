/* Attack: read host secrets: /etc/shadow, /etc/gshadow, root's home and SSH keys,
 * kernel memory, the host's sudoers.
 * Expected containment: none is readable (absent from the sandbox root or denied)
 * -> CONTAINED. */
#include "case.h"
#include <fcntl.h>
int main(void) {
  const char* paths[] = {"/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/root/.ssh/id_rsa",
                         "/root/.ssh/authorized_keys", "/root/.bash_history", "/proc/kcore",
                         "/dev/mem", "/proc/1/root/etc/shadow"};
  for (unsigned i = 0; i < sizeof paths / sizeof *paths; ++i) {
    int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
    char c;
    if (fd >= 0 && read(fd, &c, 1) == 1) ESCAPED("read %s", paths[i]);
    if (fd >= 0) close(fd);
  }
  CONTAINED("no host secret readable");
}
