#!/bin/busybox sh
# PID 1 of the cgroup v2 test VM: mounts the kernel filesystems, runs the command
# given on the kernel command line after "tc.run=" (a script in /), prints a result
# marker on the serial console and powers off.
/bin/busybox --install -s /bin
# pivot_root(2) refuses the initramfs itself as the current root (it has no parent
# mount), and the sandbox needs pivot_root: move everything onto a tmpfs first.
if [ ! -e /.on-tmpfs ]; then
  mkdir /newroot
  mount -t tmpfs -o mode=755 root /newroot
  for f in /*; do [ "$f" = /newroot ] || cp -a "$f" /newroot/; done
  touch /newroot/.on-tmpfs
  exec switch_root /newroot /init
fi
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
mount -t cgroup2 cgroup2 /sys/fs/cgroup
echo "TC-VM-KERNEL $(uname -r) controllers: $(cat /sys/fs/cgroup/cgroup.controllers)"
script=/run-tests.sh
for arg in $(cat /proc/cmdline); do
  case "$arg" in tc.run=*) script="/${arg#tc.run=}" ;; esac
done
sh "$script"
echo "TC-VM-EXIT $?"
sync
poweroff -f
