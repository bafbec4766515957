/*
 * The compendium's search engine in the browser: loads the prebuilt index of
 * the page's language, shard by shard, only when the reader searches, and
 * ranks pages by the policy the manifest carries (compendium/search/ranking.py
 * writes it; this file only applies it).
 *
 * Every data file is a script calling compendiumSearch.receive(kind, key, data)
 * (see compendium/search/bundle.py): scripts load from file:// where fetch()
 * of JSON is refused, so the offline copy searches like the online site.
 *
 * A query word is split and lowercased as the Python side splits text, its
 * accents folded, then looked up in the lexicon part of the shard whose range
 * holds it, which gives its term; a word the text never uses goes through the
 * vendored lunr stemmer (loaded only then). The word being typed last also
 * matches the words it starts. A word found nowhere is corrected to the
 * closest word of the lexicon (one edit for short words, two for long ones),
 * unless it is a word of another language's pages: then the reader is told
 * and offered that search. All words must match; when no page has them all,
 * the pages with most of them are shown.
 */
(function () {
  "use strict";

  if (window.compendiumSearch) return; // the header box and the page may both load it

  var WORD = /[\p{L}\p{N}_]+/gu;
  var received = new Map();
  var loads = new Map();
  var languages = new Map();
  var home = settings();

  /* Where the page's language keeps its index: the search page says it; any
     other page has the header's box, whose form opens the search page. */
  function settings() {
    var element = document.getElementById("cmp-search-config");
    if (element) {
      return {
        index: new URL(element.dataset.index, location.href).href,
        vendor: new URL(element.dataset.vendor, location.href).href,
        root: element.dataset.root, lang: element.dataset.lang,
        strings: JSON.parse(element.dataset.strings || "{}"),
      };
    }
    var form = document.getElementById("cmp-header-search");
    if (!form) return null;
    var page = new URL(form.getAttribute("action"), location.href);
    return {
      index: new URL("data/", page).href,
      vendor: new URL(form.dataset.vendor, location.href).href,
      root: new URL("../", page).href,
      lang: form.lang || form.dataset.lang || document.documentElement.lang, strings: {},
    };
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().match(WORD) || [];
  }

  function loadScript(src, key) {
    if (!loads.has(src)) {
      loads.set(src, new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = false; // vendored scripts must run in order
        script.onload = function () {
          if (!key) return resolve();
          if (received.has(key)) return resolve(received.get(key));
          reject(new Error("no data in " + src));
        };
        script.onerror = function () {
          loads.delete(src); // a later search may try again
          reject(new Error("cannot load " + src));
        };
        document.head.appendChild(script);
      }));
    }
    return loads.get(src);
  }

  /* ---- One language's index: manifest, shards, lexicon, stemmer ---- */

  function language(lang, base) {
    if (!languages.has(lang)) languages.set(lang, new Index(lang, base));
    return languages.get(lang);
  }

  function Index(lang, base) {
    this.lang = lang;
    this.base = base;
    this.shards = new Map();
  }

  Index.prototype.manifest = function () {
    var self = this;
    if (!this.ready) {
      this.ready = loadScript(this.base + "manifest.js", "manifest:" + this.lang)
        .then(function (manifest) {
          manifest.stop = new Set(manifest.stopwords.split(" "));
          self.data = manifest;
          return manifest;
        });
    }
    return this.ready;
  };

  /* The shard whose range holds `key`: the last one starting at or before it. */
  Index.prototype.shardAt = function (key) {
    var firsts = this.data.firsts;
    var low = 0;
    var high = firsts.length - 1;
    var found = 0;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (firsts[middle] <= key) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  };

  Index.prototype.shard = function (number) {
    var self = this;
    var name = this.data.shards + "/" + number;
    if (!this.shards.has(name)) {
      this.shards.set(name, loadScript(this.base + name + ".js", "shard:" + name)
        .then(decodeShard));
    }
    return this.shards.get(name);
  };

  Index.prototype.shardFor = function (key) {
    var self = this;
    return this.manifest().then(function () { return self.shard(self.shardAt(key)); });
  };

  /* Shards that may hold keys starting with `prefix`. */
  Index.prototype.shardsFrom = function (prefix) {
    var self = this;
    return this.manifest().then(function () {
      var numbers = [self.shardAt(prefix)];
      for (var next = numbers[0] + 1; next < self.data.firsts.length &&
           self.data.firsts[next].startsWith(prefix); next++) numbers.push(next);
      return Promise.all(numbers.map(function (number) { return self.shard(number); }));
    });
  };

  /* {term, df} of a folded word of the text, or null. */
  Index.prototype.word = function (folded) {
    return this.shardFor(folded).then(function (shard) {
      return shard.words.get(folded) || null;
    });
  };

  /* A term's posting: {index, fields: {title: {ref: {p}}...}, weights}, or null. */
  Index.prototype.posting = function (term) {
    return this.shardFor(term).then(function (shard) {
      var posting = shard.postings.get(term);
      return posting ? { posting: posting, weights: shard.weights.get(posting._index) } : null;
    });
  };

  /* Words of the text starting with `prefix` (not the prefix itself), most used first. */
  Index.prototype.completions = function (prefix, limit) {
    return this.shardsFrom(prefix).then(function (shards) {
      var found = [];
      shards.forEach(function (shard) {
        shard.words.forEach(function (info, word) {
          if (word !== prefix && word.startsWith(prefix)) {
            found.push({ word: word, term: info.term, df: info.df });
          }
        });
      });
      found.sort(function (a, b) { return b.df - a.df || (a.word < b.word ? -1 : 1); });
      return found.slice(0, limit);
    });
  };

  /* The words of the text that share `term` (those in the shards of the term and the word). */
  Index.prototype.forms = function (term, folded) {
    return Promise.all([this.shardFor(term), this.shardFor(folded)]).then(function (shards) {
      var found = new Set([folded]);
      shards.forEach(function (shard) {
        shard.words.forEach(function (info, word) { if (info.term === term) found.add(word); });
      });
      return Array.from(found);
    });
  };

  /* The whole lexicon (for corrections and for telling another language's word). */
  Index.prototype.lexicon = function () {
    var self = this;
    if (!this.allWords) {
      this.allWords = this.manifest().then(function (manifest) {
        var key = "lexicon:" + manifest.lexicon.replace(/\.js$/, "");
        return loadScript(self.base + manifest.lexicon, key);
      }).then(function (entries) {
        var byWord = new Map(); // folded word -> its term, pages, and spelling in the text
        entries.forEach(function (entry) {
          entry[2].split(" ").forEach(function (written) {
            byWord.set(fold(written), { term: entry[0], df: entry[1], written: written });
          });
        });
        return byWord;
      });
    }
    return this.allWords;
  };

  /* A word the lexicon lacks, through the language's stemmer (lunr-languages). */
  Index.prototype.stem = function (folded) {
    var self = this;
    return this.manifest().then(function (manifest) {
      if (!manifest.stemmer) return folded;
      if (!self.stemmer) {
        self.stemmer = Promise.all(manifest.scripts.map(function (name) {
          return loadScript(home.vendor + name);
        })).then(function () { return lunr.Pipeline.registeredFunctions[manifest.stemmer]; });
      }
      return self.stemmer.then(function (stemmer) {
        return stemmer(new lunr.Token(folded)).toString();
      });
    });
  };

  /* The term of a word as the index knows it; null for a stop word. */
  Index.prototype.term = function (word) {
    var self = this;
    var folded = fold(word);
    return this.manifest().then(function (manifest) {
      if (manifest.stop.has(folded)) return null;
      return self.word(folded).then(function (info) {
        if (info) return info.term;
        return /^[\p{N}_]+$/u.test(folded) ? folded : self.stem(folded);
      });
    });
  };

  function decodeShard(data) {
    var weights = new Map();
    data.fieldVectors.forEach(function (entry) {
      var vector = entry[1];
      for (var i = 0; i < vector.length; i += 2) {
        if (!weights.has(vector[i])) weights.set(vector[i], new Map());
        weights.get(vector[i]).set(entry[0], vector[i + 1]);
      }
    });
    var found = new Map();
    Object.keys(data.words || {}).forEach(function (word) {
      var entry = data.words[word];
      var term = typeof entry[0] === "number" ? word.slice(0, entry[0]) : entry[0];
      found.set(word, { term: term, df: entry[1] });
    });
    return { postings: new Map(data.invertedIndex), weights: weights, words: found };
  }

  function own() {
    return language(home.lang, home.index);
  }

  function others() {
    return own().manifest().then(function (manifest) {
      return Object.keys(manifest.languages || {}).map(function (lang) {
        return language(lang, new URL(manifest.languages[lang].data, home.index).href);
      });
    });
  }

  /* ---- Reading a query ---- */

  /*
   * Words in order, each with its place in the query (stop words count, so
   * that "integrazione dei migranti" matches the same phrase in a text), the
   * quoted group it belongs to, and words after a minus sign, which exclude.
   */
  function parse(text, manifest) {
    var query = { words: [], excluded: [], stops: [], groups: 0, tooLong: false };
    var offset = 0;
    var quoted = -1;
    var parts = text.normalize("NFC").split(/(["“”«»]|\s+)/);
    parts.forEach(function (part) {
      if (/^["“”«»]$/.test(part)) {
        quoted = quoted < 0 ? query.groups++ : -1;
        return;
      }
      var excluded = quoted < 0 && /^[-−]\p{L}/u.test(part);
      words(part).forEach(function (word) {
        var folded = fold(word);
        if (excluded) { query.excluded.push({ word: word, folded: folded }); return; }
        var item = { word: word, folded: folded, offset: offset++, group: quoted };
        if (manifest.stop.has(folded)) query.stops.push(item);
        else if (query.words.length >= manifest.ranking.maxWords) query.tooLong = true;
        else query.words.push(item);
      });
    });
    query.all = query.words.concat(query.stops).sort(function (a, b) { return a.offset - b.offset; });
    return query;
  }

  /*
   * One way to read a word: its term, how much a match counts (`factor`), the
   * words of the text it stands for (`forms`, highlighted on the page opened)
   * and those among them that count as the very word in a title (`names`):
   * the word itself and forms within a few edits (`integrazioni` for
   * `integrazione`, not `integra`).
   */
  function alternative(term, factor, forms, word, policy) {
    return { term: term, factor: factor, forms: forms, names: forms.filter(function (form) {
      return distance(form, word, policy.nameFormEdits) <= policy.nameFormEdits;
    }) };
  }

  function merge(alternatives, next) {
    var same = alternatives.find(function (a) { return a.term === next.term; });
    if (!same) { alternatives.push(next); return; }
    same.factor = Math.max(same.factor, next.factor);
    next.forms.forEach(function (form) { if (!same.forms.includes(form)) same.forms.push(form); });
    next.names.forEach(function (form) { if (!same.names.includes(form)) same.names.push(form); });
  }

  /* A word's alternatives, by term: the word, the words it starts (typing), its stem. */
  function resolve(index, item, typing, policy) {
    var alternatives = [];
    return index.word(item.folded).then(function (info) {
      var steps = [];
      if (info) {
        steps.push(index.forms(info.term, item.folded).then(function (forms) {
          merge(alternatives, alternative(info.term, 1, forms, item.folded, policy));
        }));
      }
      if (typing && item.folded.length >= policy.minPrefix) {
        steps.push(index.completions(item.folded, policy.completions).then(function (found) {
          found.forEach(function (completion) {
            var factor = info && completion.term === info.term ? 1 : policy.prefix;
            merge(alternatives, alternative(completion.term, factor, [completion.word],
                                            completion.word, policy));
          });
        }));
      }
      return Promise.all(steps).then(function () {
        if (alternatives.length) return;
        return index.term(item.word).then(function (term) {
          return term && index.posting(term).then(function (found) {
            if (found) merge(alternatives, alternative(term, 1, [item.folded], item.folded, policy));
          });
        });
      });
    }).then(function () {
      item.alternatives = alternatives;
    });
  }

  /* Two words typed apart that the text writes as one ("social pay", SocialPay):
     the joined word is an alternative of both. */
  function compounds(index, query) {
    var steps = [];
    query.words.forEach(function (item, i) {
      var next = query.words[i + 1];
      if (!next || next.offset !== item.offset + 1) return;
      var joined = item.folded + next.folded;
      steps.push(index.word(joined).then(function (info) {
        if (!info) return;
        [item, next].forEach(function (word) {
          merge(word.alternatives, { term: info.term, factor: 1, forms: [joined], names: [joined] });
        });
      }));
    });
    return Promise.all(steps);
  }

  /* ---- Typos and other languages ---- */

  /* Optimal string alignment distance: a swap of neighbours is one edit. Stops past `most`. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > most) return most + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function editsFor(length, policy) {
    var edits = 0;
    policy.typoEdits.forEach(function (pair) { if (length >= pair[0]) edits = pair[1]; });
    return edits;
  }

  /* The closest word of the lexicon: fewest edits, then most pages, then alphabetical. */
  function closest(lexicon, folded, most, minimum) {
    var best = null;
    lexicon.forEach(function (info, word) {
      if (word === folded || info.df < (minimum || 0)) return;
      var edits = distance(folded, word, most);
      if (edits > most) return;
      if (!best || edits < best.edits || (edits === best.edits &&
          (info.df > best.df || (info.df === best.df && word < best.word)))) {
        best = { word: word, written: info.written, term: info.term, df: info.df, edits: edits };
      }
    });
    return best;
  }

  /* Missing words: told when another language has them, else corrected if a word is close. */
  function correct(index, missing, policy, found) {
    return Promise.all([index.lexicon(), others()]).then(function (loaded) {
      var lexicon = loaded[0];
      return Promise.all(loaded[1].map(function (other) {
        return other.lexicon().then(function (words) { return [other, words]; },
                                    function () { return null; });
      })).then(function (elsewhere) {
        var steps = missing.map(function (item) {
          var foreign = false;
          elsewhere.forEach(function (pair) {
            if (pair && pair[1].has(item.folded)) { foreign = true; hint(found, pair[0], item.word); }
          });
          if (foreign || /\p{N}/u.test(item.folded)) return null;
          var best = closest(lexicon, item.folded, editsFor(item.folded.length, policy));
          return best && useCorrection(index, item, best, found);
        });
        return Promise.all(steps);
      });
    });
  }

  function useCorrection(index, item, best, found) {
    return index.forms(best.term, best.word).then(function (forms) {
      found.corrections.push({ from: item.word, to: best.written });
      item.corrected = best.word;
      item.alternatives = [alternative(best.term, 1, forms, best.word, index.data.ranking)];
    });
  }

  function hint(found, index, word) {
    var entry = found.hints.find(function (h) { return h.lang === index.lang; });
    if (!entry) {
      var info = own().data.languages[index.lang];
      entry = { lang: index.lang, name: info.name, url: home.root + info.search, words: [] };
      found.hints.push(entry);
    }
    if (!entry.words.includes(word)) entry.words.push(word);
  }

  /* No page has all the words: a rare word may be a typo of a common one. */
  function correctRare(index, query, policy, found) {
    return index.lexicon().then(function (lexicon) {
      var steps = query.words.map(function (item) {
        var info = lexicon.get(item.folded);
        if (item.corrected || !info || info.df > policy.rareWordDf) return null;
        var best = closest(lexicon, item.folded, editsFor(item.folded.length, policy),
                           info.df * policy.rareWordRatio);
        return best && useCorrection(index, item, best, found);
      });
      return Promise.all(steps);
    });
  }

  /* ---- Scoring ---- */

  function postingsOf(index, query) {
    var wanted = new Map();
    function want(term) { if (!wanted.has(term)) wanted.set(term, index.posting(term)); }
    query.words.forEach(function (item) {
      item.alternatives.forEach(function (alternative) {
        want(alternative.term);
        alternative.names.forEach(function (form) { want(form + "="); });
      });
    });
    names(query).forEach(function (name) { want(name + "=="); });
    var terms = Array.from(wanted.keys());
    return Promise.all(terms.map(function (term) { return wanted.get(term); }))
      .then(function (found) {
        var table = new Map();
        terms.forEach(function (term, i) { if (found[i]) table.set(term, found[i]); });
        return Promise.all(query.excluded.map(function (item) {
          return index.term(item.word).then(function (term) {
            return term && index.posting(term).then(function (posting) { item.posting = posting; });
          });
        })).then(function () { return table; });
      });
  }

  /* The query as whole names: every word joined, as typed and as corrected. */
  function names(query) {
    var typed = query.all.map(function (item) { return item.folded; }).join("");
    var corrected = query.all.map(function (item) {
      return item.corrected || item.folded;
    }).join("");
    return typed === corrected ? [typed] : [typed, corrected];
  }

  function refsOf(entry, fields) {
    var refs = new Set();
    if (!entry) return refs;
    fields.forEach(function (field) {
      Object.keys(entry.posting[field] || {}).forEach(function (ref) { refs.add(ref); });
    });
    return refs;
  }

  function weight(entry, field, ref) {
    return (entry.weights && entry.weights.get(field + "/" + ref)) || 0;
  }

  /* The entry of a page in `pages`, made on first use. */
  function collected(pages, ref, count) {
    if (!pages.has(ref)) {
      var entry = { ref: ref, scores: [], titled: [], text: [], title: [] };
      for (var i = 0; i < count; i++) {
        entry.scores.push(0);
        entry.titled.push(false);
        entry.text.push([]);
        entry.title.push([]);
      }
      pages.set(ref, entry);
    }
    return pages.get(ref);
  }

  /* Per page and word: score, title as written, positions in title and text. */
  function collect(query, table, policy) {
    var pages = new Map();
    var count = query.words.length;
    function page(ref) { return collected(pages, ref, count); }
    query.words.forEach(function (item, i) {
      item.alternatives.forEach(function (alternative) {
        var entry = table.get(alternative.term);
        if (!entry) return;
        var named = new Map();
        alternative.names.forEach(function (form) {
          var nameEntry = table.get(form + "=");
          refsOf(nameEntry, ["name"]).forEach(function (ref) {
            named.set(ref, Math.max(named.get(ref) || 0, weight(nameEntry, "name", ref)));
          });
        });
        refsOf(entry, ["title", "summary", "body"]).forEach(function (ref) {
          var found = page(ref);
          var score = named.get(ref) || 0;
          ["title", "summary", "body"].forEach(function (field) {
            var value = weight(entry, field, ref);
            score += field === "title" && !named.has(ref) ? value * policy.stemOnlyTitle : value;
            var meta = entry.posting[field][ref];
            if (meta && meta.p) {
              (field === "title" ? found.title[i] : found.text[i]).push.apply(
                field === "title" ? found.title[i] : found.text[i], meta.p);
            }
          });
          found.scores[i] = Math.max(found.scores[i], score * alternative.factor);
          if (named.has(ref)) found.titled[i] = true;
        });
      });
    });
    return pages;
  }

  /* Whether the words' positions hold them in a row, as in the query (offsets). */
  function inARow(lists, offsets) {
    if (lists.some(function (list) { return !list.length; })) return false;
    var sets = lists.map(function (list) { return new Set(list); });
    return lists[0].some(function (start) {
      return offsets.every(function (offset, i) {
        return sets[i].has(start + offset - offsets[0]);
      });
    });
  }

  /* The fewest words spanning one position of each list (Infinity if one is empty). */
  function span(lists) {
    if (lists.some(function (list) { return !list.length; })) return Infinity;
    var hits = [];
    lists.forEach(function (list, i) { list.forEach(function (p) { hits.push([p, i]); }); });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    var seen = new Array(lists.length).fill(0);
    var covered = 0;
    var best = Infinity;
    var left = 0;
    hits.forEach(function (hit) {
      if (seen[hit[1]]++ === 0) covered++;
      while (covered === lists.length) {
        best = Math.min(best, hit[0] - hits[left][0] + 1);
        if (--seen[hits[left][1]] === 0) covered--;
        left++;
      }
    });
    return best;
  }

  function kindOf(manifest, number) {
    var kind = manifest.kinds[0][1];
    manifest.kinds.forEach(function (run) { if (run[0] <= number) kind = run[1]; });
    return kind;
  }

  function rank(query, table, manifest) {
    var policy = manifest.ranking;
    var pages = collect(query, table, policy);
    var whole = new Set();
    names(query).forEach(function (name) {
      refsOf(table.get(name + "=="), ["name"]).forEach(function (ref) { whole.add(ref); });
    });
    var excluded = new Set();
    query.excluded.forEach(function (item) {
      refsOf(item.posting, ["name", "title", "summary", "body"]).forEach(function (ref) {
        excluded.add(ref);
      });
    });
    var offsets = query.words.map(function (item) { return item.offset; });
    var reachable = query.words.filter(function (item) { return item.alternatives.length; }).length;
    whole.forEach(function (ref) { collected(pages, ref, query.words.length); });
    var results = [];
    pages.forEach(function (found, ref) {
      if (excluded.has(ref)) return;
      results.push(judge(found, query, offsets, whole.has(ref), reachable, manifest));
    });
    var best = results.reduce(function (most, r) { return Math.max(most, r.matched); }, 0);
    if (best === reachable) results = results.filter(function (r) { return r.matched === best; });
    results.sort(function (a, b) { return compare(a, b, policy.kinds); });
    return { results: results, best: best };
  }

  /* The order of results (see compendium/search/ranking.py), ties included. */
  function compare(a, b, kinds) {
    return b.matched - a.matched || b.quoted - a.quoted || b.named - a.named ||
      b.titled - a.titled || b.score - a.score ||
      kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.number - b.number;
  }

  function judge(found, query, offsets, named, reachable, manifest) {
    var policy = manifest.ranking;
    var number = parseInt(found.ref, 36);
    var kind = kindOf(manifest, number);
    var matched = found.scores.filter(function (s) { return s > 0; }).length;
    if (named) matched = Math.max(matched, reachable); // its very name: a match of every word
    var all = matched === reachable;
    var score = found.scores.reduce(function (sum, s) { return sum + s; }, 0);
    var quoted = 0;
    var present = [];
    found.scores.forEach(function (s, i) { if (s > 0) present.push(i); });
    if (all && present.length > 1) {
      var pick = function (lists) { return present.map(function (i) { return lists[i]; }); };
      var at = pick(offsets);
      if (inARow(pick(found.text), at) || inARow(pick(found.title), at)) score *= 1 + policy.phrase;
      var minimum = at[at.length - 1] - at[0] + 1;
      var wide = span(pick(found.text));
      if (wide < Infinity) {
        score *= 1 + policy.proximity * Math.max(0, 1 - (wide - minimum) / policy.proximityWindow);
      }
      for (var group = 0; group < query.groups; group++) quoted += quotedMatch(found, query, group);
    }
    var positions = new Set();
    var titlePositions = new Set();
    found.text.forEach(function (list) { list.forEach(function (p) { positions.add(p); }); });
    found.title.forEach(function (list) { list.forEach(function (p) { titlePositions.add(p); }); });
    return {
      ref: found.ref, number: number, kind: kind, matched: matched, quoted: quoted,
      named: named ? 1 : 0,
      titled: all && present.every(function (i) { return found.titled[i]; }) ? 1 : 0,
      score: Math.round(score * (policy.kindFactor[kind] || 1) * 1e4) / 1e4,
      marks: positions, titleMarks: titlePositions, hits: found.text,
    };
  }

  function quotedMatch(found, query, group) {
    var members = [];
    query.words.forEach(function (item, i) { if (item.group === group) members.push(i); });
    if (members.length < 2) return 0;
    var pick = function (lists) { return members.map(function (i) { return lists[i]; }); };
    var offsets = members.map(function (i) { return query.words[i].offset; });
    return inARow(pick(found.text), offsets) || inARow(pick(found.title), offsets) ? 1 : 0;
  }

  /* ---- Search ---- */

  function outcome(text, query) {
    return {
      text: text, query: query, terms: query.words, corrections: [], hints: [], missing: [],
      excluded: query.excluded.map(function (item) { return item.word; }),
      results: [], counts: {}, partial: false, tooLong: query.tooLong,
      stopwordsOnly: !query.words.length && query.stops.length > 0,
      onlyExcluded: !query.words.length && !query.stops.length && query.excluded.length > 0,
      highlight: [],
    };
  }

  /*
   * Search for `text`. With `typing`, the last word also matches the words it
   * starts. `options.exact` turns corrections off ("search instead for").
   * Resolves to {results: [{ref, kind, ...}], corrections, hints, missing, ...}.
   */
  function search(text, typing, options) {
    options = options || {};
    var index = own();
    return index.manifest().then(function (manifest) {
      var policy = manifest.ranking;
      var query = parse(text, manifest);
      var found = outcome(text, query);
      if (!query.words.length) return found;
      var open = !/[\s"”»]$/.test(text); // the last word may be still being typed
      return Promise.all(query.words.map(function (item, i) {
        var last = open && i === query.words.length - 1 && !query.tooLong &&
          item.offset === query.all[query.all.length - 1].offset;
        return resolve(index, item, typing && last, policy);
      })).then(function () {
        return compounds(index, query);
      }).then(function () {
        var missing = query.words.filter(function (item) { return !item.alternatives.length; });
        if (!missing.length || options.exact) return null;
        return index.posting(names(query)[0] + "==").then(function (name) {
          return name ? null : correct(index, missing, policy, found); // a name is no typo
        });
      }).then(function () {
        return run(index, query, manifest).then(function (ranked) {
          if (ranked.best === query.words.length || query.words.length < 2 || options.exact) {
            return ranked;
          }
          return correctRare(index, query, policy, found).then(function () {
            return run(index, query, manifest);
          });
        });
      }).then(function (ranked) {
        return finish(found, query, ranked);
      });
    });
  }

  function run(index, query, manifest) {
    return postingsOf(index, query).then(function (table) { return rank(query, table, manifest); });
  }

  function finish(found, query, ranked) {
    found.missing = query.words.filter(function (item) { return !item.alternatives.length; })
      .map(function (item) { return item.word; });
    var reachable = query.words.length - found.missing.length;
    found.partial = ranked.best > 0 && ranked.best < reachable;
    found.results = ranked.results;
    found.results.forEach(function (result) {
      found.counts[result.kind] = (found.counts[result.kind] || 0) + 1;
    });
    var forms = new Set();
    query.words.forEach(function (item) {
      item.alternatives.forEach(function (alternative) {
        alternative.forms.forEach(function (form) { forms.add(form); });
      });
    });
    found.highlight = Array.from(forms).slice(0, 40);
    return found;
  }

  /* ---- Pages: fragments, snippets and the rendering of a result ---- */

  function fragment(ref, part) {
    var index = own();
    return index.manifest().then(function (manifest) {
      var key = manifest.fragments + "/" + ref + (part ? "-" + part : "");
      return loadScript(index.base + key + ".js", "doc:" + key);
    });
  }

  var SNIPPET_WORDS = 30;

  /* [position, word] of every hit of the query's words in the page's text, in order. */
  function hitsOf(result) {
    var hits = [];
    result.hits.forEach(function (list, i) { list.forEach(function (p) { hits.push([p, i]); }); });
    return hits.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* How well hits in [from, to) answer the query: distinct words, then hits. */
  function coverage(hits, from, to) {
    var seen = new Set();
    var count = 0;
    hits.forEach(function (hit) {
      if (hit[0] >= from && hit[0] < to) { seen.add(hit[1]); count++; }
    });
    return [seen.size, count];
  }

  function better(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return false;
  }

  /* The fragment part whose words answer the query best (0: the first). */
  function bestPart(hits, starts) {
    var best = 0;
    var value = [-1, -1];
    starts.forEach(function (start, part) {
      var end = part + 1 < starts.length ? starts[part + 1] : Infinity;
      var here = coverage(hits, start, end);
      if (better(here, value)) { best = part; value = here; }
    });
    return best;
  }

  /*
   * The passage that answers the query best (most of its words, prose before
   * a labelled field, then most hits, then the first), and the window of
   * words shown from it: around its hits, and on into the next passages when
   * it is short. Without hits in the text (a title match): the first prose.
   */
  function choose(passages, hits) {
    var best = null;
    passages.forEach(function (passage, i) {
      var here = coverage(hits, passage.start, passage.start + passage.count);
      var value = [here[0], passage.label ? 0 : 1, here[1]];
      if (!best || better(value, best.value)) best = { index: i, value: value };
    });
    if (!best.value[0] && !best.value[2]) {
      var prose = passages.findIndex(function (passage) { return !passage.label; });
      best.index = prose >= 0 ? prose : 0;
    }
    var passage = passages[best.index];
    var inside = hits.filter(function (hit) {
      return hit[0] >= passage.start && hit[0] < passage.start + passage.count;
    });
    var start = passage.start;
    if (inside.length && passage.count > SNIPPET_WORDS) {
      var first = inside[0][0];
      var last = inside.filter(function (hit) { return hit[0] < first + SNIPPET_WORDS; }).pop()[0];
      var slack = SNIPPET_WORDS - (last - first + 1);
      start = Math.max(passage.start, first - Math.floor(slack / 3));
      start = Math.min(start, passage.start + passage.count - SNIPPET_WORDS);
    }
    return [start, start + SNIPPET_WORDS];
  }

  /*
   * The page's fragment and the passages of its snippet, each with the
   * position of its first word: the first fragment holds the first passages,
   * a long page's later ones come from the part where the best match lies.
   */
  function page(result) {
    return fragment(result.ref).then(function (doc) {
      var hits = hitsOf(result);
      var starts = [0].concat(doc.more || []);
      var part = bestPart(hits, starts);
      return (part === 0 ? Promise.resolve(doc) : fragment(result.ref, part)).then(function (chunk) {
        var position = starts[part];
        var passages = chunk.text.map(function (passage) {
          var label = Array.isArray(passage) ? passage[0] : "";
          var text = Array.isArray(passage) ? passage[1] : passage;
          var count = words(text).length;
          position += count;
          return { label: label, text: text, start: position - count, count: count };
        });
        return { doc: doc, passages: passages, window: passages.length ? choose(passages, hits)
          : [0, 0] };
      });
    });
  }

  /* Odd positions hold words, even ones what lies between them. */
  function split(text) {
    return text.split(/([\p{L}\p{N}_]+)/u);
  }

  /*
   * The words of `text` (the first counted as position `start`) that fall in
   * [from, to), with what lies between them, those at `marked` positions in
   * <mark>. What precedes the first word and follows the last is kept when
   * the window holds the text's start or end.
   */
  function markedText(text, start, marked, from, to) {
    var fragment = document.createDocumentFragment();
    var parts = split(text);
    var position = start;
    var buffer = "";
    var started = false;
    function flush() {
      if (buffer) fragment.appendChild(document.createTextNode(buffer));
      buffer = "";
    }
    for (var i = 1; i < parts.length; i += 2, position++) {
      if (position < from || position >= to) continue;
      if (started || position === start) buffer += parts[i - 1];
      started = true;
      if (marked.has(position)) {
        flush();
        var mark = document.createElement("mark");
        mark.textContent = parts[i];
        fragment.appendChild(mark);
      } else {
        buffer += parts[i];
      }
    }
    if (started && position <= to) buffer += parts[parts.length - 1];
    flush();
    return fragment;
  }

  /* The snippet: the window's words, passage by passage, labelled, cut with "…". */
  function snippet(found) {
    var paragraph = document.createElement("p");
    paragraph.className = "cmp-result__snippet";
    var from = found.window[0];
    var to = found.window[1];
    var shown = 0;
    found.passages.forEach(function (passage) {
      var end = passage.start + passage.count;
      if (end <= from || passage.start >= to) return;
      if (shown++) paragraph.appendChild(document.createTextNode(" · "));
      if (passage.label) {
        var label = document.createElement("span");
        label.className = "cmp-result__label";
        label.textContent = passage.label + ": ";
        paragraph.appendChild(label);
      }
      if (passage.start < from) paragraph.appendChild(document.createTextNode("… "));
      paragraph.appendChild(markedText(passage.text, passage.start, found.marks, from, to));
      if (end > to) paragraph.appendChild(document.createTextNode(" …"));
    });
    return paragraph;
  }

  /* Where a result leads, with the words to highlight there. */
  function link(url, highlight) {
    var target = home.root + url;
    if (!highlight || !highlight.length) return target;
    return target + (target.includes("?") ? "&" : "?") + "h=" +
      encodeURIComponent(highlight.join(" "));
  }

  /*
   * One result as a list item: its title (matched words marked) linking to
   * the page, its type, and a snippet. The one place results are drawn.
   */
  function renderResult(result, found, shown, labels) {
    var li = document.createElement("li");
    li.className = "cmp-result";
    li.dataset.kind = result.kind;
    var anchor = document.createElement("a");
    anchor.href = link(shown.doc.url, found.highlight);
    anchor.className = "cmp-result__title";
    anchor.appendChild(markedText(shown.doc.title, 0, result.titleMarks, 0, Infinity));
    var kind = document.createElement("span");
    kind.className = "cmp-result__kind";
    kind.textContent = labels[result.kind] ? labels[result.kind].one : result.kind;
    li.append(anchor, " ", kind);
    if (shown.doc.subtitle) { // the name translated: its words follow the name's in the index
      var subtitle = document.createElement("span");
      subtitle.className = "cmp-result__subtitle";
      subtitle.appendChild(markedText(shown.doc.subtitle, words(shown.doc.title).length,
                                      result.titleMarks, 0, Infinity));
      li.append(subtitle);
    }
    li.append(snippet({ passages: shown.passages, window: shown.window, marks: result.marks }));
    return li;
  }

  /* ---- What tests and the other scripts use ---- */

  /* [word, term] for each word of a text, as a query reads it; term null for a stop word. */
  function analyze(text) {
    var index = own();
    return index.manifest().then(function () {
      return Promise.all(words(text).map(function (word) {
        return index.term(word).then(function (term) { return [word, term]; });
      }));
    });
  }

  /* [word, term] through the stemmer alone, for words the lexicon would lack. */
  function stemmed(text) {
    var index = own();
    return index.manifest().then(function (manifest) {
      return Promise.all(words(text).map(function (word) {
        var folded = fold(word);
        if (manifest.stop.has(folded)) return [word, null];
        return index.stem(folded).then(function (term) { return [word, term]; });
      }));
    });
  }

  /* "{count} results" -> "3 results", with values given by name. */
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  /* The same with nodes (a link, emphasis) in place of some placeholders. */
  function formatNodes(template, values) {
    var fragment = document.createDocumentFragment();
    template.split(/(\{\w+\})/).forEach(function (part) {
      var name = /^\{(\w+)\}$/.exec(part);
      var value = name && name[1] in values ? values[name[1]] : part;
      fragment.append(value instanceof Node ? value : document.createTextNode(String(value)));
    });
    return fragment;
  }

  window.compendiumSearch = {
    receive: function (kind, key, data) { received.set(kind + ":" + key, data); },
    search: search,
    analyze: analyze,
    stemmed: stemmed,
    fragment: fragment,
    page: page,
    renderResult: renderResult,
    compare: compare,
    link: link,
    manifest: function () { return own().manifest(); },
    strings: function () { return home ? home.strings : {}; },
    format: format,
    formatNodes: formatNodes,
    fold: fold,
    words: words,
    root: home ? home.root : "./",
    lang: home ? home.lang : document.documentElement.lang,
  };
})();
