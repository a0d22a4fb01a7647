#include "model/validators/pattern_match.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/validators/js_pattern.hpp"
#include "sequelize/errors.hpp"
#include "support/utf8.hpp"

namespace sequelize::detail {
namespace {

// Two ways to match, chosen per pattern:
// - Without back references (nearly every validator), PCRE2's DFA matcher: it follows every
//   alternative at once, one pass over the value, so its time grows with the value's length
//   times the pattern's size, whatever the pattern (^(a+)+$ on "aaa…b" answers in
//   microseconds). No backtracking, nothing that explodes.
// - With back references, which the DFA cannot follow, backtracking (JIT-compiled when the
//   system allows) within the limits below; past them the validator fails as too costly.
//
// The limits of one match:
// - Match limit: PCRE2 counts backtracking steps (the JIT counts differently, to the same
//   effect). Its default, 10 million, lets one hostile value take seconds; a million gives up
//   within tens of milliseconds on typical patterns while honest ones stay far below it. It
//   also bounds the DFA's nested matches (lookarounds).
constexpr std::uint32_t kMatchLimit = 1'000'000;
// - JIT stack: each pending repetition of a group keeps about 32 bytes there, so 8 MiB serves
//   about 250 000 repetitions. Reserved per thread that validates such patterns, and only
//   touched as deep as a match goes.
constexpr std::size_t kJitStackStart = std::size_t{32} * 1024;
constexpr std::size_t kJitStackMax = std::size_t{8} * 1024 * 1024;
// - Without the JIT (a system that forbids executable memory), PCRE2's interpreter keeps its
//   backtracking frames on the heap (never on the machine stack, unlike std::regex, which
//   overflowed it): 32 MiB, in frames of about 300 bytes, is about 100 000 repetitions; the
//   depth limit (about two frames per repetition) is a backstop past that, and bounds the
//   DFA's nesting of lookarounds too.
constexpr std::uint32_t kHeapLimitKiB = 32 * 1024;
constexpr std::uint32_t kDepthLimit = 500'000;
// - DFA workspace: the alternatives alive at one position of the value, a few ints each. Its
//   size depends on the pattern, not on the value; 64 KiB is far more than a validator needs.
constexpr std::size_t kDfaWorkspaceInts = std::size_t{16} * 1024;

// JavaScript's semantics that PCRE2 has as options (the rest, m and the line terminators
// among it, is rewritten by js_pattern.cpp).
constexpr std::uint32_t kBaseOptions =
    PCRE2_UTF                  // characters, not bytes, as JavaScript strings hold them
    | PCRE2_ALT_BSUX           // \uHHHH and \xHH as JavaScript writes them
    | PCRE2_ALLOW_EMPTY_CLASS  // [] matches nothing and [^] anything
    | PCRE2_DOLLAR_ENDONLY     // $ is the end, not also before a final newline
    // PCRE2 10.42's start-up optimisations get some patterns wrong ((?=a)a?a finds nothing in
    // "\ra^"); the anchored forms below do not need them.
    | PCRE2_NO_START_OPTIMIZE;

std::string pcreMessage(int code) {
  std::array<PCRE2_UCHAR, 256> buffer{};
  if (pcre2_get_error_message(code, buffer.data(), buffer.size()) < 0) {
    return "error " + std::to_string(code);
  }
  return reinterpret_cast<const char*>(buffer.data());
}

struct CodeFree {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct CompileContextFree {
  void operator()(pcre2_compile_context* context) const { pcre2_compile_context_free(context); }
};

using Code = std::unique_ptr<pcre2_code, CodeFree>;

struct CompiledPattern {
  Code code;
  bool backtracks = false;  // it has back references: pcre2_match, not the DFA
};

Code compileSource(const Pattern& pattern, const std::string& source, std::uint32_t options,
                   pcre2_compile_context* context) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  Code code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), options,
                          &error, &offset, context));
  if (!code) {
    throw Error("Invalid regular expression: /" + pattern.regex + "/" + pattern.flags + ": " +
                pcreMessage(error));
  }
  return code;
}

bool anchoredByItself(const pcre2_code* code) {
  std::uint32_t options = 0;
  pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &options);
  return (options & PCRE2_ANCHORED) != 0;
}

std::shared_ptr<const CompiledPattern> compile(const Pattern& pattern) {
  const JsPatternTranslation js = translateJsPattern(pattern);
  std::uint32_t options = kBaseOptions;
  if (js.flags.ignoreCase) options |= PCRE2_CASELESS;
  if (js.flags.dotAll) options |= PCRE2_DOTALL;
  if (js.flags.sticky) options |= PCRE2_ANCHORED;  // y: the match starts where the value does
  const std::unique_ptr<pcre2_compile_context, CompileContextFree> context(
      pcre2_compile_context_create(nullptr));
  if (!context) throw std::bad_alloc();
  // \u{HHHHH} only under u: without it JavaScript reads \u{12} as a u repeated 12 times.
  if (js.flags.unicode) pcre2_set_compile_extra_options(context.get(), PCRE2_EXTRA_ALT_BSUX);
  auto compiled = std::make_shared<CompiledPattern>();
  compiled->code = compileSource(pattern, js.pcreSource, options, context.get());
  if (!anchoredByItself(compiled->code.get())) {
    // A match anywhere in the value, as one anchored match from its start: PCRE2 would try
    // each start position with a fresh count of steps (n positions, n times the limit), and the
    // DFA would rescan the rest of the value from each. The lazy prefix makes the scan part of
    // one match, bounded as a whole. (^… patterns, the usual validators, need none.)
    compiled->code = compileSource(pattern, "(?s:.*?)(?:" + js.pcreSource + ")",
                                   options | PCRE2_ANCHORED, context.get());
  }
  compiled->backtracks = js.backReferences;
  // Machine code for the backtracking matcher (the DFA has none). If it cannot be made (no
  // executable memory), pcre2_match interprets the pattern instead, within the same limits.
  if (compiled->backtracks) (void)pcre2_jit_compile(compiled->code.get(), PCRE2_JIT_COMPLETE);
  return compiled;
}

// The cache's order on (regex, flags), also against views of a Pattern: a lookup builds no key.
struct PatternOrder {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    const int byRegex = std::string_view(a.first).compare(std::string_view(b.first));
    return byRegex != 0 ? byRegex < 0 : std::string_view(a.second) < std::string_view(b.second);
  }
};

// Patterns compile once per process: a bulk validation must not recompile them per row.
std::shared_ptr<const CompiledPattern> compiledPattern(const Pattern& pattern) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const CompiledPattern>,
                  PatternOrder>
      cache;
  const std::pair<std::string_view, std::string_view> key{pattern.regex, pattern.flags};
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::shared_ptr<const CompiledPattern> compiled = compile(pattern);
  std::lock_guard lock(mutex);
  return cache.emplace(std::pair{pattern.regex, pattern.flags}, std::move(compiled)).first->second;
}

// What a match needs besides the pattern, one set per thread: a JIT stack and a DFA workspace
// serve one match at a time, and the match data receives the result.
class MatchResources {
 public:
  MatchResources()
      : context_(pcre2_match_context_create(nullptr)),
        data_(pcre2_match_data_create(1, nullptr)),
        jitStack_(pcre2_jit_stack_create(kJitStackStart, kJitStackMax, nullptr)),
        dfaWorkspace_(kDfaWorkspaceInts) {
    if (!context_ || !data_) throw std::bad_alloc();
    pcre2_set_match_limit(context_.get(), kMatchLimit);
    pcre2_set_depth_limit(context_.get(), kDepthLimit);
    pcre2_set_heap_limit(context_.get(), kHeapLimitKiB);
    // Null where the JIT is not available; then the interpreter runs and needs none.
    if (jitStack_) pcre2_jit_stack_assign(context_.get(), nullptr, jitStack_.get());
  }

  // One pair of offsets is enough: with more groups PCRE2 answers 0, "matched, offsets not all
  // kept".
  int backtrackingMatch(const pcre2_code* code, std::string_view subject) {
    return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0,
                       PCRE2_NO_UTF_CHECK, data_.get(), context_.get());
  }

  int dfaMatch(const pcre2_code* code, std::string_view subject) {
    // The shortest match: whether there is one is all a validator asks.
    return pcre2_dfa_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0,
                           PCRE2_NO_UTF_CHECK | PCRE2_DFA_SHORTEST, data_.get(), context_.get(),
                           dfaWorkspace_.data(), dfaWorkspace_.size());
  }

 private:
  struct Free {
    void operator()(pcre2_match_context* p) const { pcre2_match_context_free(p); }
    void operator()(pcre2_match_data* p) const { pcre2_match_data_free(p); }
    void operator()(pcre2_jit_stack* p) const { pcre2_jit_stack_free(p); }
  };
  std::unique_ptr<pcre2_match_context, Free> context_;
  std::unique_ptr<pcre2_match_data, Free> data_;
  std::unique_ptr<pcre2_jit_stack, Free> jitStack_;
  std::vector<int> dfaWorkspace_;
};

MatchResources& threadResources() {
  thread_local MatchResources resources;
  return resources;
}

}  // namespace

PatternMatch matchPattern(const Pattern& pattern, std::string_view text) {
  const std::shared_ptr<const CompiledPattern> compiled = compiledPattern(pattern);
  // Bytes that are not UTF-8 (a BLOB's, say) reach JavaScript as U+FFFD, as toJSON writes
  // them; PCRE2 would refuse the whole value. The check is then skipped in the match.
  std::string repaired;
  std::string_view subject = text;
  if (firstInvalidUtf8(text) != text.size()) {
    repaired = withReplacementCharacters(text);
    subject = repaired;
  }
  MatchResources& resources = threadResources();
  const pcre2_code* code = compiled->code.get();
  int rc = compiled->backtracks ? resources.backtrackingMatch(code, subject)
                                : resources.dfaMatch(code, subject);
  if (rc == PCRE2_ERROR_DFA_UITEM || rc == PCRE2_ERROR_DFA_UCOND) {
    // PCRE2's own syntax that the DFA lacks (recursion, verbs), accepted beyond JavaScript's.
    rc = resources.backtrackingMatch(code, subject);
  }
  if (rc >= 0) return PatternMatch::Matches;
  switch (rc) {
    case PCRE2_ERROR_NOMATCH:
      return PatternMatch::NoMatch;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
    case PCRE2_ERROR_DFA_WSSIZE:
    case PCRE2_ERROR_NOMEMORY:
      return PatternMatch::TooCostly;
    default:
      throw Error("Matching /" + pattern.regex + "/" + pattern.flags +
                  " failed: " + pcreMessage(rc));
  }
}

void checkPattern(const Pattern& pattern) {
  (void)compiledPattern(pattern);
}

}  // namespace sequelize::detail
