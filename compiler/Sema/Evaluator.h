// Evaluator — the machinery of Lowering: scopes, symbols and the evaluation
// of declarations and expressions to ir::Values. Private to compiler/Sema.
#pragma once

#include "Basic/Names.h"
#include "IR/Limits.h"
#include "Sema/Lowering.h"

#include "llvm/ADT/StringMap.h"

#include <functional>
#include <memory>
#include <optional>
#include <set>

namespace cfc::sema {

struct BundleRequest; // Bundle.h

using ir::Origin;
using ir::Value;
using ir::ValuePtr;

/// One named thing a name can resolve to.
struct Symbol {
  enum class Kind { Param, Let, Resource, LoopResource, Output, Fn, TypeAlias, Component, Import, Local };
  Kind K;
  const ast::Decl *Decl = nullptr; ///< Null for locals.
  FileId File = 0;
  /// Locals (loop variables, fn arguments): the bound value. Others: the
  /// value once evaluated.
  ValuePtr Value;
  enum class State { Fresh, Evaluating, Done } Status = State::Fresh;
  /// For resources: the logical ID and CloudFormation type.
  std::string LogicalId, CfnType;
  /// Set when a resource's @if is constantly false: it does not exist.
  bool Absent = false;
  /// For LoopResource: the loop and the scope it was declared in.
  const ast::ForDecl *Loop = nullptr;
  /// The scope the declaration belongs to (lets evaluate in it).
  struct Scope *Home = nullptr;
  bool Prepared = false; ///< Resources: logical ID, type and condition known.
  /// Resources: set while the digest of `@replaceOn` is computed, when the
  /// logical ID is not known yet (a use then is a cycle).
  bool Naming = false;
  /// Resources: the properties as lowered (Status Done), for `@replaceOn`.
  ValuePtr Properties;
  std::string Condition; ///< Resources: the named condition of its @if.
  /// A resource that is an instance of a component: the component, and the
  /// scope it was defined in (its names are visible inside it).
  const ast::ComponentDecl *Component = nullptr;
  struct Scope *ComponentHome = nullptr;
  FileId ComponentFile = 0; ///< The file the component is written in.
  /// An import: the scope of the imported module, and the name it goes by
  /// (the alias, or the module's last part).
  struct Scope *Module = nullptr;
  std::string ImportName;
  /// A component's param bound from an instance's field: the argument's
  /// value expression as written (File 0 when the param took its default).
  Origin Argument;
};

/// Names visible at one level: the stack, a loop iteration, a call.
struct Scope {
  Scope *Parent = nullptr;
  llvm::StringMap<Symbol *> Names;
  /// Logical IDs declared here are IdPrefix + Name + IdSuffix: the prefix
  /// is the component instance's ID ("Api" for `fn` in `api`: "ApiFn"), the
  /// suffix the loop elements ("A" for the element "a": "SubnetA").
  std::string IdPrefix, IdSuffix;
  /// Declaration path of the instance ("api."), for ir::Resource::Path.
  std::string PathPrefix;
  /// The condition of an enclosing instance's @if, applied to what is here.
  std::string Condition;
  /// A component instance collects its outputs here instead of the stack's.
  std::vector<std::pair<std::string, ValuePtr>> *Outputs = nullptr;
  /// A module (an imported file) only defines: no resources, params, outputs.
  bool IsModule = false;
  /// In a component's body: the instance being lowered (for notes saying
  /// which instance a diagnostic comes from).
  const Symbol *Instance = nullptr;

  /// The nearest scope collecting component outputs, or null (the stack).
  std::vector<std::pair<std::string, ValuePtr>> *outputSink() {
    for (Scope *S = this; S; S = S->Parent)
      if (S->Outputs)
        return S->Outputs;
    return nullptr;
  }

  Symbol *lookup(llvm::StringRef Name) {
    for (Scope *S = this; S; S = S->Parent)
      if (auto It = S->Names.find(Name); It != S->Names.end())
        return It->second;
    return nullptr;
  }
};

/// A deploy-time bool as a condition (a Bool parameter P is
/// `Fn::Equals [P, "true"]`); V itself if it is one; null for anything else.
ValuePtr asCondition(const ValuePtr &V);

/// Marks each resource that uses an asset with CDK's `aws:asset:path` and
/// `aws:asset:property` Metadata, which SAM CLI reads (Assets.cpp).
void recordAssetUses(ir::Template &T);

/// Reports two unconditional resources of one type whose primary identifier
/// (BucketName, RoleName...) is the same constant (UniqueIdentifiers.cpp).
void checkUniqueIdentifiers(const ir::Template &T, const catalog::Catalog *Catalog, DiagnosticEngine &Diags);

/// Sets R's DeletionPolicy and UpdateReplacePolicy from the removal choice
/// ("destroy", "retain" or "snapshot") when its type holds data
/// (catalog::dataKeepingOf) and nothing explicit (`@retain`, `@attributes`)
/// set them already (StackPolicies.cpp).
void applyRemoval(ir::Resource &R, llvm::StringRef Choice);

/// Settles T.StackTags (the program's under Opts.Tags, sorted by key) and
/// writes them, under each resource's InstanceTags and its own tags, into
/// the tag property of every resource whose type has one (StackPolicies.cpp).
void applyStackTags(ir::Template &T, const catalog::Catalog *Catalog, const LowerOptions &Opts);

using cfc::closest;
using cfc::didYouMean;
using cfc::pascalCase;

class Evaluator {
public:
  Evaluator(const SourceManager &SM, DiagnosticEngine &Diags, const catalog::Catalog *Catalog,
            const LowerOptions &Opts)
      : SM(SM), Diags(Diags), Catalog(Catalog), Opts(Opts) {}

  ir::Template run(const std::vector<const ast::File *> &Files);

  // ---- declarations (EvalDecls.cpp) -------------------------------------------
  void declare(Scope &S, const ast::Decl *D, FileId File);
  void lowerDecls(Scope &S, const std::vector<ast::Decl *> &Decls, FileId File);
  void lowerParam(Symbol &Sym);
  void lowerResource(Scope &S, Symbol &Sym);
  void lowerOutput(Scope &S, const ast::OutputDecl *D, FileId File);
  void lowerFor(Scope &S, const ast::ForDecl *D, FileId File);
  /// `assert`: an error now if the condition is a constant false, a
  /// CloudFormation rule if it is known only at deploy time (Assertions.cpp).
  void lowerAssert(Scope &S, const ast::AssertDecl *D, FileId File);
  /// The condition of a rule: V with named conditions inlined, or null
  /// (Offender set) if it uses what a rule cannot see (a resource).
  ValuePtr ruleExpression(const ValuePtr &V, ValuePtr &Offender);
  /// Notes "in instance 'x' of Component" for each enclosing instance.
  /// Not in library code (File): the relocator's notes name those frames.
  void noteInstances(DiagnosticBuilder &Diag, const Scope &S, FileId File);
  std::map<std::string, unsigned> AssertCounts;
  ValuePtr valueOf(Scope &S, Symbol &Sym, Origin Use);
  /// The iterations of a loop: the element values (compile time).
  std::optional<std::vector<ValuePtr>> loopElements(Scope &S, const ast::ForDecl *D, FileId File);
  std::string claimLogicalId(std::string Id, Origin Where, const std::string &What);
  /// The condition named by a declaration's @if: "" for none or a constant
  /// true; nullopt when the condition is constantly false.
  std::optional<std::string> conditionFor(Scope &S, const ast::Decl *D, FileId File);
  void prepareResource(Symbol &Sym);
  /// `@replaceOn(x, ...)`: the digest of its arguments that ends Sym's
  /// logical ID, or "" after reporting an error.
  std::string replacementDigest(Scope &S, Symbol &Sym, const ast::Decorator *On);
  /// What one argument of `@replaceOn` stands for: a resource's lowered
  /// properties (lowering it now if it comes later), any other value itself.
  ValuePtr replacementInput(Scope &S, Symbol &Sym, const ast::Expr *Arg);
  /// Deploy-time conditions inside a value become Fn::If [c, true, false].
  ValuePtr materializeConditions(const ValuePtr &V);
  /// Instantiates a component for the resource Sym (once): binds its
  /// params, lowers its body; the value is an object of its outputs.
  ValuePtr instantiate(Symbol &Sym);
  /// The component a resource type names (`Site`, `serverless.Function`),
  /// with the scope it is defined in; null if it names none.
  /// The component symbol a resource type names, or null.
  Symbol *findComponent(Scope &S, const ast::NamedType *T);
  /// Declares an import: loads the module and declares its names in a scope
  /// of its own.
  void declareImport(Scope &S, const ast::ImportDecl *D, FileId File);
  /// A new scope nested in Parent for a loop iteration or an instance,
  /// inheriting its naming.
  Scope &childScope(Scope &Parent);
  /// The scopes of a loop's iterations, made on first use.
  const std::vector<Scope *> &loopIterations(Scope &S, const ast::ForDecl *D, FileId File);
  std::map<std::pair<Scope *, const ast::ForDecl *>, std::vector<Scope *>> Loops;
  /// Loops that could not be unrolled in full (an error was reported: the
  /// list is unknown or no list, or the iteration limit was reached). What
  /// they declare has no value, so its uses report nothing more.
  std::set<std::pair<Scope *, const ast::ForDecl *>> BrokenLoops;
  /// The scope of each imported module file.
  std::map<FileId, Scope *> ModuleScopes;

  // ---- component frames (Components.cpp) -------------------------------------------
  /// A component instance whose body is being lowered, or a call of a
  /// library function whose body is being evaluated. Library code (the
  /// standard library) cannot be changed by the user, so a diagnostic inside
  /// it is moved to the user's code that reached it.
  struct Frame {
    Origin Site;       ///< The instance's name or the call, in the caller's code.
    FileId Code = 0;   ///< The file of the component's or function's body.
    std::string Name;  ///< "serverless.Function", "iam.invoke".
    std::string What;  ///< "component" or "function".
    /// Uses of the params in library code: where the name is written, and
    /// the argument it was bound from (File 0: a default).
    std::vector<std::pair<Origin, Origin>> ParamUses;
  };
  std::vector<Frame> Frames;
  /// What `@removal` and `@tags` say on each component instance being
  /// expanded, outermost first (StackPolicies.cpp).
  struct InstanceChoice {
    std::string Removal; ///< Empty: the enclosing instance's or the stack's.
    std::vector<std::pair<std::string, ValuePtr>> Tags;
  };
  std::vector<InstanceChoice> InstanceChoices;
  /// Reads `@removal` and `@tags` on an instance or a resource.
  InstanceChoice readChoices(Scope &S, const ast::ResourceDecl *D, FileId File);
  /// `@tags({...})`: each tag; reported (and left out) when not a string.
  /// Stack tags (CompileTime) must be known at compile time: CloudFormation
  /// takes a stack's tags as plain text.
  std::vector<std::pair<std::string, ValuePtr>> readTags(Scope &S, const ast::Decorator *Dec,
                                                         FileId File, bool CompileTime);
  /// The removal choice for a resource declared with Own (its `@removal`,
  /// maybe empty): its own, the innermost instance's, the stack's. Empty
  /// when none was chosen and the resource is not the library's (Library).
  std::string removalFor(llvm::StringRef Own, bool Library) const;
  /// The tags of the enclosing instances and Own, the innermost winning.
  std::vector<std::pair<std::string, ValuePtr>>
  inheritedTags(const std::vector<std::pair<std::string, ValuePtr>> &Own) const;
  /// Instances with an output that failed (reported): their value is null,
  /// so uses of it report nothing more.
  std::set<const Symbol *> FailedOutputs;
  /// The DiagnosticEngine's relocator: a diagnostic in library code while a
  /// user's instance is expanded moves to the argument its faulty value
  /// came from, else to the instance; each library frame becomes a note.
  bool relocate(Diagnostic &D);
  /// The index in Frames of the innermost instance written in user code,
  /// or nullopt (no frame, or none in user code).
  std::optional<size_t> userFrame() const;
  /// "serverless.Function": a component or function of a module as the
  /// user names it (the module's file stem and the name).
  std::string qualifiedName(FileId File, llvm::StringRef Name) const;
  /// The notes naming each library frame, from At (a place in library code
  /// inside Frames[Top]'s component) out to the user's frame.
  std::vector<Note> frameNotes(Origin At, size_t Top, size_t User) const;
  /// A resource made in library code: its user's instance, cfc:source at
  /// the instance, and the library frames (for later phases' findings).
  void recordLibraryFrames(ir::Resource &R, const ast::ResourceDecl *D);
  /// Remembers a use of a component's param in library code (see Frame).
  void recordParamUse(FileId File, SourceRange Range, const Symbol &Sym);
  /// The fields of an instance's body, each evaluated on its own: a field
  /// whose value fails (reported) is left out and its key added to Failed,
  /// so its param is poisoned rather than missing. Null without a body.
  ValuePtr instanceArguments(Scope &Caller, const ast::ResourceDecl *D, FileId File,
                             std::set<std::string> &Failed);

  // ---- expressions (EvalExprs.cpp) -----------------------------------------------
  /// The value of E, or null after a diagnostic; values over the size limits
  /// (ir::limits::StringBytes, ListElements) are errors.
  ValuePtr eval(Scope &S, const ast::Expr *E, FileId File);
  ValuePtr evalUnchecked(Scope &S, const ast::Expr *E, FileId File);
  /// Counts one more expansion of a kind (loop iterations, instances,
  /// calls) against its limit; false (reported once) when over it.
  bool spend(unsigned &Used, const ir::Limit &Limit, Origin Where, llvm::StringRef Hint);
  unsigned LoopIterationsUsed = 0, InstancesUsed = 0, CallsUsed = 0;
  bool ExpansionReported = false;
  /// Set once a limit that bounds the whole evaluation (its depth, the
  /// memory of its values, the template's size) is reported: every eval
  /// then answers null at once, so the evaluator winds down quickly.
  bool Halted = false;
  void halt() { Halted = ExpansionReported = true; }
  unsigned EvalDepth = 0;
  /// The resources' and outputs' values written out so far (a lower bound
  /// of the template's bytes), checked as each is lowered so no later walk
  /// over the template is long.
  uint64_t TemplateBytes = 0;
  /// Adds V's written-out bytes to TemplateBytes; false (reported, halted)
  /// once the template cannot fit CloudFormation's limit.
  bool spendTemplateBytes(const ValuePtr &V, Origin Where);
  ValuePtr evalName(Scope &S, const ast::NameRef *E, FileId File);
  /// For `module.name`: the module's symbol, or null (reported) when the
  /// module has no such name. Sets IsModule when E's base is a module.
  Symbol *moduleMember(Scope &S, const ast::Member *E, FileId File, bool &IsModule);
  ValuePtr evalMember(Scope &S, const ast::Member *E, FileId File);
  /// `db.Endpoint.Address` when "Endpoint.Address" is an attribute of db's
  /// type; null otherwise (nothing reported).
  ValuePtr dottedAttribute(Scope &S, const ast::Member *E, FileId File);
  ValuePtr evalIndex(Scope &S, const ast::Index *E, FileId File);
  ValuePtr evalString(Scope &S, const ast::StringLit *E, FileId File);
  ValuePtr evalUnary(Scope &S, const ast::Unary *E, FileId File);
  ValuePtr evalBinary(Scope &S, const ast::Binary *E, FileId File);
  ValuePtr evalConditional(Scope &S, const ast::Conditional *E, FileId File);
  ValuePtr evalObject(Scope &S, const ast::Object *E, FileId File);
  /// A name for a deploy-time condition value, registering it if needed.
  std::string nameCondition(const ValuePtr &Cond, llvm::StringRef Hint);
  std::string letConditionId(Scope &S, const ast::LetDecl *D, FileId File, const ValuePtr &V);
  std::optional<std::string> pinnedId(Scope &S, const ast::Decorator *Pin, FileId File);
  /// Interpolation of deploy-time pieces: Fn::Sub.
  ValuePtr substitute(const std::vector<ValuePtr> &Pieces, Origin O);

  // ---- calls (Builtins.cpp) ----------------------------------------------------------
  ValuePtr evalCall(Scope &S, const ast::Call *E, FileId File);
  /// The object of `@attributes({...})`, the escape hatch for entry keys
  /// cfc has no idiom for; null (after a diagnostic) if it is no object.
  ValuePtr rawAttributes(Scope &S, const ast::Decorator *D, FileId File);
  ValuePtr pseudoParameter(llvm::StringRef Name, Origin O);
  /// `asset("./path")`: the files are listed, checked and hashed now; the
  /// value is {bucket, key} (Assets.cpp).
  ValuePtr evalAsset(const ast::Call *E, const std::vector<ValuePtr> &Args, FileId File);
  /// Lists, checks and hashes the files at Path; the key, or "" after a
  /// diagnostic. Adds the asset to the template.
  std::string packageAsset(const std::string &Written, const std::string &Path, bool IsLiteral,
                           SourceRange ArgRange, Origin O);
  /// asset(path, {bundle: "esbuild"}): the folder holding the bundle made
  /// from Path (Bundle.h), or "" after a diagnostic.
  std::string bundleAsset(const std::string &Written, const std::string &Path, BundleRequest &R,
                          SourceRange ArgRange, Origin O);
  /// The `AssetBucket` parameter's Ref, declared on first use.
  ValuePtr assetBucket(Origin Use);
  /// Assets by the resolved path asked for, so one folder is read once.
  std::map<std::string, std::string> AssetKeys;
  ValuePtr AssetBucketRef;
  ValuePtr callUserFn(Scope &S, Symbol &Fn, const ast::Call *E, std::vector<ValuePtr> Args,
                      FileId File);

  // ---- checks against declared types (Types.cpp) ---------------------------------------
  /// Checks V against a declared type; reports and returns false on mismatch.
  bool checkType(Scope &S, const ValuePtr &V, const ast::TypeExpr *T, FileId File,
                 const std::string &What);
  std::string typeName(const ast::TypeExpr *T);
  /// V (which has type T) with the optional record fields it leaves out set
  /// to none, so that `spec.delay == none` reads naturally.
  ValuePtr completeOptionals(Scope &S, const ValuePtr &V, const ast::TypeExpr *T);

  // ---- resource properties (PropertyChecker.cpp) -------------------------------------
  /// Checks a resource's properties against the catalog; returns its
  /// CloudFormation type name, or "" if the type is unknown.
  std::string resolveResourceType(const ast::NamedType *T, FileId File);
  void checkProperties(const std::string &CfnType, const std::string &ResourceName,
                       const ValuePtr &Props, const ast::Object *Body, FileId File);
  /// Props with each local path a packaging command uploads (`Code: "./src"`
  /// of a Lambda function) reported (CFC2051) and standing as a value of
  /// unknown shape, for the check only: the path itself is emitted.
  ValuePtr withPackagePaths(const std::string &CfnType, const ValuePtr &Props);
  /// A resource whose `@attributes` set Properties (ConditionalProperties.cpp):
  /// a choice of whole bodies, `c ? {...} : {...}` (an imported template's
  /// Fn::If as its Properties), each checked as a body is; they become R's
  /// properties. Anything else there is reported.
  void takeConditionalProperties(ir::Resource &R, const ast::ResourceDecl *D, FileId File);
  /// The deploy type of an attribute, or nullopt (reported) when unknown.
  std::optional<ir::DeployType> attributeType(const std::string &CfnType, llvm::StringRef Attr,
                                              Origin Where, const std::string &ResourceName);

  /// Records a name use for navigation (when an index is wanted).
  void recordUse(FileId File, SourceRange Range, const Symbol &Sym) {
    if (Opts.Index && Sym.Decl)
      Opts.Index->Uses.push_back({File, Range, Sym.Decl, Sym.File});
  }

  Origin at(FileId File, const ast::Node *N) const { return {File, N ? N->range() : SourceRange()}; }
  std::vector<std::string> namesInScope(Scope &S) const;

  const SourceManager &SM;
  DiagnosticEngine &Diags;
  const catalog::Catalog *Catalog;
  const LowerOptions &Opts;
  ir::Template Out;
  /// Each output's place in Out.Outputs by logical ID: searching them all
  /// for each new one made 40,000 outputs take 3 s.
  llvm::StringMap<size_t> OutputByLogicalId;
  std::vector<std::unique_ptr<Symbol>> Symbols;
  std::vector<std::unique_ptr<Scope>> Scopes;
  /// Every logical ID handed out, with what it names (for collisions).
  std::map<std::string, std::pair<std::string, Origin>> LogicalIds;
  unsigned CallDepth = 0;
  unsigned AnonymousConditions = 0;
  /// References collected while evaluating the current resource.
  std::vector<ir::Reference> *CurrentReferences = nullptr;
  Scope *Root = nullptr;

  Symbol &newSymbol(Symbol::Kind K, const ast::Decl *D, FileId File) {
    Symbols.push_back(std::make_unique<Symbol>());
    Symbols.back()->K = K, Symbols.back()->Decl = D, Symbols.back()->File = File;
    return *Symbols.back();
  }
  Scope &newScope(Scope *Parent) {
    Scopes.push_back(std::make_unique<Scope>());
    Scopes.back()->Parent = Parent;
    return *Scopes.back();
  }
};

} // namespace cfc::sema
