/* Attack: "shocker": open a file on the host filesystem by a guessed file handle,
 * bypassing the mount namespace (needs CAP_DAC_READ_SEARCH).
 * Expected containment: seccomp violation "open_by_handle_at". */
#include "case.h"
#include <fcntl.h>
int main(void) {
  struct { struct file_handle h; unsigned char bytes[8]; } fh;
  memset(&fh, 0, sizeof fh);
  fh.h.handle_bytes = 8;
  fh.h.handle_type = 1; /* FILEID_INO32_GEN */
  fh.bytes[0] = 2;      /* inode 2: the root directory of most ext4 filesystems */
  long rc = open_by_handle_at(AT_FDCWD, &fh.h, O_RDONLY);
  NOT_STOPPED("open_by_handle_at", rc);
}
