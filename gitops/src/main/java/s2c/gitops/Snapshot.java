package s2c.gitops;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The files below one directory of one commit, as path (relative to that directory) → bytes. */
final class Snapshot {
  private Snapshot() {}

  static Map<String, byte[]> read(Repository repo, ObjectId commit, String dir) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    if (commit == null) {
      return files;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(c.getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilter.create(dir));
        while (tree.next()) {
          String path = tree.getPathString();
          if (path.startsWith(dir + "/")) {
            files.put(path.substring(dir.length() + 1), repo.open(tree.getObjectId(0)).getBytes());
          }
        }
      }
    }
    return files;
  }
}
