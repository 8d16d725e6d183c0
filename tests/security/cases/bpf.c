/* Attack: load an eBPF program (kernel attack surface, verifier bugs).
 * Expected containment: seccomp violation "bpf". */
#include "case.h"
#include <linux/bpf.h>
#include <sys/syscall.h>
int main(void) {
  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.map_type = BPF_MAP_TYPE_ARRAY; attr.key_size = 4; attr.value_size = 4; attr.max_entries = 1;
  long rc = syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
  NOT_STOPPED("bpf", rc);
}
