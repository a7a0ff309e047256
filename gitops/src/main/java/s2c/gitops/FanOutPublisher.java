package s2c.gitops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import s2c.diag.Codes;
import s2c.diag.Diagnostic;
import s2c.diag.SourceLocation;

/**
 * Many renders in one commit (a tenant fan-out): each directory made to hold exactly its files, the
 * directories the fan-out owns but no longer renders removed (only when allowed), everything else
 * untouched. The commit is built from objects, not from a checkout — thousands of directories cost
 * one tree walk — and pushed without force, retried on the new tip when someone pushed first.
 */
public final class FanOutPublisher {
  /** One directory of the commit, with the gate its change must pass. */
  public record Entry(String path, Map<String, byte[]> files, ChangeGate gate) {}

  /**
   * @param owned which existing directories (holding an {@code s2c-manifest.json}) belong to this
   *     fan-out: those not among the entries are removed
   * @param rootFiles files written at the repository root when absent (CI pipelines)
   */
  public record Request(
      String repoUrl,
      String branch,
      String baseBranch,
      List<Entry> entries,
      Predicate<String> owned,
      boolean allowRemoval,
      String subject,
      Optional<String> body,
      Map<String, String> trailers,
      GitAccess access,
      int maxAttempts,
      Map<String, byte[]> rootFiles) {}

  /** What the commit did per directory; {@code unchanged} when nothing at all changed. */
  public record Outcome(
      boolean unchanged,
      String commitId,
      String branch,
      int attempts,
      SortedMap<String, ChangeSummary> changed,
      List<String> removed,
      int untouched) {}

  private static final String MANIFEST = "s2c-manifest.json";
  private static final String KEPT = ".terraform.lock.hcl";

  public Outcome publish(Request request) throws PublishException, PublishRefused {
    try (WorkingCopy copy =
        WorkingCopy.open(
            request.repoUrl(), request.branch(), request.baseBranch(), request.access(), false)) {
      Repository repo = copy.git().getRepository();
      String message =
          Trailers.message(request.subject(), request.body().orElse(null), request.trailers());
      for (int attempt = 1; attempt <= request.maxAttempts(); attempt++) {
        Optional<ObjectId> start =
            copy.remoteTip(request.branch()).or(() -> tip(copy, request.baseBranch()));
        Built built = build(repo, start, request);
        if (built.tree().equals(built.startTree())) {
          return new Outcome(
              true,
              start.map(ObjectId::name).orElse(""),
              request.branch(),
              attempt,
              new TreeMap<>(),
              List.of(),
              request.entries().size());
        }
        ObjectId commit = commit(repo, start, built.tree(), message);
        RefUpdate update = repo.updateRef(Constants.R_HEADS + request.branch());
        update.setNewObjectId(commit);
        update.forceUpdate();
        Pusher.Attempt pushed = Pusher.push(copy, request.branch(), request.access());
        switch (pushed.result()) {
          case PUSHED:
            return new Outcome(
                false,
                commit.name(),
                request.branch(),
                attempt,
                built.changed(),
                built.removed(),
                request.entries().size() - built.changed().size());
          case RETRY:
            Pusher.backoff(attempt);
            copy.fetch();
            break;
          default:
            throw new PublishException(
                "push to "
                    + Redaction.redact(request.repoUrl())
                    + " was refused: "
                    + pushed.detail());
        }
      }
      throw new PublishException(
          "gave up after "
              + request.maxAttempts()
              + " attempts: "
              + Redaction.redact(request.repoUrl())
              + " kept moving under us");
    } catch (GitAPIException | IOException e) {
      throw new PublishException(
          "publish to " + Redaction.redact(request.repoUrl()) + " failed", e);
    }
  }

  /**
   * What {@link #publish} would change, committing nothing: every directory's change (gates are not
   * asked) and the directories it would remove.
   */
  public Outcome preview(Request request) throws PublishException {
    try (WorkingCopy copy =
        WorkingCopy.open(
            request.repoUrl(), request.branch(), request.baseBranch(), request.access(), false)) {
      Optional<ObjectId> start =
          copy.remoteTip(request.branch()).or(() -> tip(copy, request.baseBranch()));
      List<Entry> ungated =
          request.entries().stream()
              .map(e -> new Entry(e.path(), e.files(), ChangeGate.NONE))
              .toList();
      Request everything =
          new Request(
              request.repoUrl(),
              request.branch(),
              request.baseBranch(),
              ungated,
              request.owned(),
              true,
              request.subject(),
              request.body(),
              request.trailers(),
              request.access(),
              request.maxAttempts(),
              request.rootFiles());
      Built built = build(copy.git().getRepository(), start, everything);
      return new Outcome(
          built.tree().equals(built.startTree()),
          start.map(ObjectId::name).orElse(""),
          request.branch(),
          1,
          built.changed(),
          built.removed(),
          request.entries().size() - built.changed().size());
    } catch (PublishRefused impossible) {
      throw new IllegalStateException("a preview asks no gate", impossible);
    } catch (IOException e) {
      throw new PublishException("reading " + Redaction.redact(request.repoUrl()) + " failed", e);
    }
  }

  private static Optional<ObjectId> tip(WorkingCopy copy, String branch) {
    try {
      return copy.remoteTip(branch);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private record Kept(String path, FileMode mode, ObjectId id) {}

  private record Built(
      ObjectId startTree,
      ObjectId tree,
      SortedMap<String, ChangeSummary> changed,
      List<String> removed) {}

  /** The start commit's tree with every entry's directory replaced and unrendered ones removed. */
  private static Built build(Repository repo, Optional<ObjectId> start, Request request)
      throws IOException, PublishRefused {
    Map<String, Entry> entries = new HashMap<>();
    request.entries().forEach(e -> entries.put(e.path(), e));
    // the start tree, file by file: kept as is unless under a replaced or removed directory
    Map<String, Map<String, ObjectId>> before = new HashMap<>();
    List<Kept> kept = new ArrayList<>();
    TreeSet<String> existingDirs = new TreeSet<>();
    ObjectId startTree = ObjectId.zeroId();
    if (start.isPresent()) {
      try (RevWalk walk = new RevWalk(repo);
          TreeWalk tw = new TreeWalk(repo)) {
        RevCommit c = walk.parseCommit(start.get());
        startTree = c.getTree().getId();
        tw.addTree(c.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          String path = tw.getPathString();
          int slash = path.lastIndexOf('/');
          String dir = slash < 0 ? "" : path.substring(0, slash);
          if (path.endsWith("/" + MANIFEST) && request.owned().test(dir)) {
            existingDirs.add(dir);
          }
          kept.add(new Kept(path, tw.getFileMode(0), tw.getObjectId(0)));
        }
      }
    }
    java.util.Set<String> removed = new TreeSet<>();
    for (String dir : existingDirs) {
      if (!entries.containsKey(dir)) {
        removed.add(dir);
      }
    }
    if (!removed.isEmpty() && !request.allowRemoval()) {
      List<Diagnostic> refusals = new ArrayList<>();
      for (String dir : removed) {
        refusals.add(
            Diagnostic.error(
                Codes.DESTROY_UNAPPROVED,
                SourceLocation.file(dir),
                dir
                    + " is no longer rendered (its tenant left the tenants file): removing it"
                    + " destroys that deployment",
                "publish with --allow-destroy to remove it, or put the tenant back"));
      }
      throw new PublishRefused(refusals, ChangeSummary.between(Map.of(), Map.of()));
    }
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    for (Kept k : kept) {
      String path = k.path();
      String owner = owner(path, entries.keySet(), removed);
      ObjectId id = k.id();
      if (owner != null) {
        String relative = path.substring(owner.length() + 1);
        before.computeIfAbsent(owner, dir -> new TreeMap<>()).put(relative, id);
        // the infra CI owns Terraform's lock file in a directory that stays
        if (!(entries.containsKey(owner) && relative.endsWith(KEPT))) {
          continue;
        }
      }
      builder.add(entry(path, k.mode(), id));
    }
    SortedMap<String, ChangeSummary> changed = new TreeMap<>();
    List<Diagnostic> refusals = new ArrayList<>();
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      for (Entry e : request.entries()) {
        Map<String, ObjectId> was = before.getOrDefault(e.path(), Map.of());
        Map<String, ObjectId> now = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : e.files().entrySet()) {
          // hashed only: an unchanged directory writes no object
          now.put(f.getKey(), inserter.idFor(Constants.OBJ_BLOB, f.getValue()));
        }
        Map<String, ObjectId> wasRendered = new TreeMap<>(was);
        wasRendered.keySet().removeIf(k -> k.endsWith(KEPT));
        boolean differs = !wasRendered.equals(now);
        for (Map.Entry<String, byte[]> f : e.files().entrySet()) {
          ObjectId id =
              differs ? inserter.insert(Constants.OBJ_BLOB, f.getValue()) : now.get(f.getKey());
          builder.add(
              entry(
                  e.path() + "/" + f.getKey(),
                  f.getKey().endsWith(".sh") ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE,
                  id));
        }
        if (differs) {
          ChangeSummary summary = ChangeSummary.between(read(repo, wasRendered), e.files());
          changed.put(e.path(), summary);
          refusals.addAll(e.gate().refusals(summary));
        }
      }
      if (!refusals.isEmpty()) {
        throw new PublishRefused(refusals, changed.values().iterator().next());
      }
      java.util.Set<String> present = new java.util.HashSet<>();
      kept.forEach(k -> present.add(k.path()));
      for (Map.Entry<String, byte[]> root : new TreeMap<>(request.rootFiles()).entrySet()) {
        if (!present.contains(root.getKey())) {
          builder.add(
              entry(
                  root.getKey(),
                  FileMode.REGULAR_FILE,
                  inserter.insert(Constants.OBJ_BLOB, root.getValue())));
        }
      }
      builder.finish();
      ObjectId tree = index.writeTree(inserter);
      inserter.flush();
      return new Built(startTree, tree, changed, List.copyOf(removed));
    }
  }

  /** The entry directory or removed directory {@code path} lies in, or null. */
  private static String owner(
      String path, java.util.Set<String> entryDirs, java.util.Set<String> removed) {
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      String dir = path.substring(0, slash);
      if (entryDirs.contains(dir) || removed.contains(dir)) {
        return dir;
      }
    }
    return null;
  }

  private static DirCacheEntry entry(String path, FileMode mode, ObjectId id) {
    DirCacheEntry e = new DirCacheEntry(path);
    e.setFileMode(mode);
    e.setObjectId(id);
    return e;
  }

  private static Map<String, byte[]> read(Repository repo, Map<String, ObjectId> files)
      throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, ObjectId> f : files.entrySet()) {
      out.put(f.getKey(), repo.open(f.getValue()).getBytes());
    }
    return out;
  }

  private static ObjectId commit(
      Repository repo, Optional<ObjectId> parent, ObjectId tree, String message)
      throws IOException {
    PersonIdent who = Identity.fromEnvironment();
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    parent.ifPresent(commit::setParentId);
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage(message);
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }
}
