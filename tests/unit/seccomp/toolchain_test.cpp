// Integration tests: real language toolchains run unmodified under the default profile
// (filter installed in a forked child; no sandbox namespaces needed for this).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"
#include "support/filtered_run.hpp"

namespace tc::seccomp {
namespace {

namespace fs = std::filesystem;

class Toolchains : public ::testing::Test {
 protected:
  void SetUp() override {
    auto prof = default_profile();
    ASSERT_TRUE(prof);
    auto f = SeccompPolicyBuilder().from_profile(*prof).build();
    ASSERT_TRUE(f) << f.error().describe();
    filter_ = *f;
    dir_ = fs::temp_directory_path() /
           ("tc-toolchain-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::FilteredRunResult run(const std::string& script) {
    auto r = testing::run_filtered(filter_,
                                   {"/bin/bash", "-c", "cd " + dir_.string() + " && " + script});
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : testing::FilteredRunResult{};
  }
  static void require(const char* tool) {
    if (!fs::exists(tool)) GTEST_SKIP() << tool << " not installed";
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  CompiledFilter filter_;
  fs::path dir_;
};

TEST_F(Toolchains, BashCoreutilsPipeline) {
  auto r =
      run("seq 1 2000 | sort -rn | head -3 | tr '\\n' ' '; echo; printf 'b\\na\\n' > f && "
          "sort f | uniq | wc -l; ls / | grep -c usr; date +%Y >/dev/null && echo done");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.violations.empty()) << r.violations[0];
  EXPECT_EQ(r.output, "2000 1999 1998 \n2\n1\ndone\n");
}

TEST_F(Toolchains, Python3ThreadsSubprocessMultiprocessing) {
  require("/usr/bin/python3");
  write("t.py", R"(
import threading, subprocess, multiprocessing, os
def sq(x): return x * x
if __name__ == "__main__":
    out = []
    ts = [threading.Thread(target=lambda i=i: out.append(i)) for i in range(8)]
    [t.start() for t in ts]; [t.join() for t in ts]
    print("threads", sorted(out) == list(range(8)))
    print("subprocess", subprocess.run(["echo", "hi"], capture_output=True, text=True).stdout.strip())
    with multiprocessing.Pool(2) as p: print("pool", p.map(sq, range(5)))
    q = multiprocessing.Queue(); pr = multiprocessing.Process(target=q.put, args=(42,)); pr.start()
    print("process", q.get()); pr.join()
    import ssl, hashlib, socket, json; print("imports ok", hashlib.sha256(b"x").hexdigest()[:8])
)");
  auto r = run("/usr/bin/python3 t.py");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.violations.empty()) << r.violations[0];
  EXPECT_EQ(
      r.output,
      "threads True\nsubprocess hi\npool [0, 1, 4, 9, 16]\nprocess 42\nimports ok 2d711642\n");
}

TEST_F(Toolchains, GccCompileAndRun) {
  require("/usr/bin/gcc");
  write("m.c",
        "#include <stdio.h>\n#include <pthread.h>\nstatic void* f(void* a){return a;}\n"
        "int main(void){pthread_t t; pthread_create(&t,0,f,0); pthread_join(t,0);"
        " printf(\"c %d\\n\", 6*7); return 0;}\n");
  auto r = run("gcc -O2 -pthread m.c -o m && ./m");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.violations.empty()) << r.violations[0];
  EXPECT_EQ(r.output, "c 42\n");
}

TEST_F(Toolchains, GxxCompileAndRun) {
  require("/usr/bin/g++");
  write("m.cpp",
        "#include <iostream>\n#include <thread>\n#include <vector>\n#include <numeric>\n"
        "int main(){std::vector<int> v(10); std::iota(v.begin(), v.end(), 1); int s=0;"
        " std::thread t([&]{s=std::accumulate(v.begin(), v.end(), 0);}); t.join();"
        " std::cout << \"cpp \" << s << std::endl;}\n");
  auto r = run("g++ -std=c++20 -O1 m.cpp -o m && ./m");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.violations.empty()) << r.violations[0];
  EXPECT_EQ(r.output, "cpp 55\n");
}

TEST_F(Toolchains, NodeEval) {
  require("/usr/bin/node");
  auto r =
      run("node -e \"const fs=require('fs'); fs.writeFileSync('n.txt','x'.repeat(3));"
          " const {execSync}=require('child_process');"
          " console.log('node', fs.readFileSync('n.txt','utf8'), execSync('echo "
          "sub').toString().trim(),"
          " require('os').cpus().length>0); setTimeout(()=>console.log('timer'),10)\"");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.violations.empty()) << r.violations[0];
  EXPECT_EQ(r.output, "node xxx sub true\ntimer\n");
}

}  // namespace
}  // namespace tc::seccomp
