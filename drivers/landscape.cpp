#include "metasc/program.hpp"

int main(int argc, char** argv) {
  return metasc::run_program(
      {.name = "metasc-landscape",
       .purpose = "adiabatic BCS landscape V(Q;T), critical points, classification, T_B; [scan]: the diagram"},
      argc, argv, [](const metasc::Environment&, const metasc::config::Config&, const metasc::config::CommandLine&) {});
}
