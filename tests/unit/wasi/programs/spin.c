// Never ends: for fuel and wall-time limits.
int main(void) {
  volatile unsigned n = 0;
  for (;;) ++n;
}
