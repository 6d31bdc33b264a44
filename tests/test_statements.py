"""Statements extractor: one row per quoting pattern, text → expected (speaker, quote, direct, cue)."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.extract import ParsedArticle, parse
from briefing.extract.quotes import find_quotes
from briefing.extract.statements import StatementOptions, extract
from briefing.models import Article, Statement

HEADER = " date 2022-03-29 "

Row = tuple[str | None, str, bool, str | None]

# Rows of four fields check (speaker, quote, direct, cue); rows of five put the role second.
CASES: list[tuple[str, str, list[Any]]] = [
    (
        "direct-after-comma-curly",
        "“We want security guarantees,” David Arakhamia, a Ukrainian negotiator, said.",
        [("David Arakhamia", "We want security guarantees,", True, "said")],
    ),
    (
        "direct-straight-marks-told",
        '"What the Russian troops are doing is a crime", Zelensky told Danish parliamentarians.',
        [("Zelensky", "What the Russian troops are doing is a crime", True, "told")],
    ),
    (
        "direct-split-by-attribution",
        'Vladimir Putin spoke. "We have moved forward," he said. "Not all issues are resolved yet."',
        [
            ("Vladimir Putin", "We have moved forward,", True, "said"),
            ("Vladimir Putin", "Not all issues are resolved yet.", True, "said"),
        ],
    ),
    (
        "direct-inverted-said-name",
        "“The health issue is partisan,” said Pat Caddell.",
        [("Pat Caddell", "The health issue is partisan,", True, "said")],
    ),
    (
        "direct-colon-before",
        "Sergey Lavrov told reporters: “Now the geography is different.”",
        [("Sergey Lavrov", "Now the geography is different.", True, "told")],
    ),
    (
        "direct-that-before",
        "Dmitry Medvedev noted that “such actions are not of an immediate nature”.",
        [("Dmitry Medvedev", "such actions are not of an immediate nature", True, "noted")],
    ),
    (
        "reported-clause-hung-on-medium",
        'Jason Kander said in a statement that "Washington dysfunction has stopped Congress."',
        [("Jason Kander", "Washington dysfunction has stopped Congress.", True, "said")],
    ),
    (
        "direct-object-of-verb",
        "Kasich cautioned “let’s not get ahead of ourselves,” before predicting a win.",
        [("Kasich", "let’s not get ahead of ourselves,", True, "cautioned")],
    ),
    (
        "direct-manner-verb",
        '"Get them out of here!" Trump barked.',
        [("Trump", "Get them out of here!", True, "barked")],
    ),
    (
        "direct-colon-speech-noun",
        'Bernie Sanders made the following comment: "The unemployment rate is 33 percent."',
        [("Bernie Sanders", "The unemployment rate is 33 percent.", True, "made")],
    ),
    (
        "direct-colon-bare-name",
        'The crowd gathered outside.\n\nClinton: "Our goal is to defeat and destroy ISIS."',
        [("Clinton", "Our goal is to defeat and destroy ISIS.", True, None)],
    ),
    (
        "mixed-quote-is-reported",
        'Zelensky said Russia\'s siege of Mariupol is a "crime against humanity".',
        [("Zelensky", 'Russia\'s siege of Mariupol is a "crime against humanity"', False, "said")],
    ),
    (
        "reported-that-clause",
        "A Ukrainian official said that at least 5,000 people have already died.",
        [("A Ukrainian official", "at least 5,000 people have already died", False, "said")],
    ),
    (
        "reported-adding-gives-two",
        "The minister said neutral status was possible, adding that a referendum would be needed.",
        [
            ("The minister", "neutral status was possible", False, "said"),
            ("The minister", "a referendum would be needed", False, "adding"),
        ],
    ),
    (
        "reported-parenthetical-cue",
        "Peace talks will make sense only after Russia's defeat, Dmitry Kuleba has declared.",
        [("Dmitry Kuleba", "Peace talks will make sense only after Russia's defeat", False, "declared")],
    ),
    (
        "according-to-before",
        "According to the United Nations, 3.9 million Ukrainians have fled the country.",
        [("United Nations", "3.9 million Ukrainians have fled the country", False, "according to")],
    ),
    (
        "according-to-after",
        "Ten ships have left the port, according to Ukrainian officials.",
        [("Ukrainian officials", "Ten ships have left the port", False, "according to")],
    ),
    (
        "accused-object-complement",
        "Dmitry Peskov accused the US of prolonging the war.",
        [("Dmitry Peskov", "the US of prolonging the war", False, "accused")],
    ),
    (
        "urged-object-complement",
        "Antonio Guterres urged Russia and Ukraine to implement the accord.",
        [("Antonio Guterres", "Russia and Ukraine to implement the accord", False, "urged")],
    ),
    (
        "called-for",
        "The European Union called for an immediate ceasefire in the region.",
        [("European Union", "an immediate ceasefire in the region", False, "called for")],
    ),
    (
        "institution-speaker",
        "The Kremlin said the talks had made no progress.",
        [("Kremlin", "the talks had made no progress", False, "said")],
    ),
    (
        "relayed-quoted-as-saying",
        "RIA quoted the Ukrainian military as saying that the missiles did not hit the port.",
        [("the Ukrainian military", "the missiles did not hit the port", False, "saying")],
    ),
    (
        "relayed-outlet-reported",
        "Kremlin spokesman Dmitry Peskov said the deal was signed, RIA reported.",
        [("Dmitry Peskov", "the deal was signed", False, "said")],
    ),
    (
        "direct-inverted-said-name-misparsed",
        '"What\'s shaping up is a battle for the ages," said David Brock, a Clinton confidant who heads '
        "the pro-Clinton super PAC Correct the Record.",
        [("David Brock", "Clinton confidant", "What's shaping up is a battle for the ages,", True, "said")],
    ),
    (
        "nyt-doubled-apostrophe-quotes",
        "''We don't believe troops are the answer,'' Mr. Rhodes said.",
        [("Rhodes", "We don't believe troops are the answer,", True, "said")],
    ),
    (
        "parenthetical-cue-mid-clause",
        "The goal, he said, is to forge a durable cease-fire.",
        [("he", "The goal, he said, is to forge a durable cease-fire", False, "said")],
    ),
    ("second-predicate-not-parenthetical", "He adopted a fake accent and joked about it.", []),
    (
        "nested-pronoun-cue-is-content",
        "The heads of both firms told AP they concluded there was no obligation to disclose it.",
        [("The heads of both firms", "they concluded there was no obligation to disclose it", False, "told")],
    ),
    (
        "trailing-participle-is-comment",
        "Gazprom said it would limit supplies to 20% of capacity, heightening concerns about the winter.",
        [("Gazprom", "it would limit supplies to 20% of capacity", False, "said")],
    ),
    (
        "institution-name-keeps-title-word",
        "The British Defense Ministry said the bridge was unusable.",
        [("British Defense Ministry", "the bridge was unusable", False, "said")],
    ),
    (
        "agency-named-next",
        "According to the United Nations agency, 3.9 million Ukrainians have fled. "
        "UNHCR said the outflow was 40,000 per day.",
        [
            ("UNHCR", "3.9 million Ukrainians have fled", False, "according to"),
            ("UNHCR", "the outflow was 40,000 per day", False, "said"),
        ],
    ),
    (
        "pronoun-skips-outlet-object",
        "Funding will rise next year, Olena Kovalenko told newspaper Ukrainska Pravda. "
        "She added that talks were underway.",
        [
            ("Olena Kovalenko", "Funding will rise next year", False, "told"),
            ("Olena Kovalenko", "talks were underway", False, "added"),
        ],
    ),
    (
        "relative-pronoun-is-antecedent",
        'Talks resumed on Friday with Charles Michel, who claimed that "Europe stands united".',
        [("Charles Michel", "Europe stands united", True, "claimed")],
    ),
    (
        "definite-generic-head-links-named-holder",
        "Hungarian Prime Minister Viktor Orban visited Vienna. "
        "The Hungarian leader said sanctions had failed.",
        [("Viktor Orban", "sanctions had failed", False, "said")],
    ),
    (
        "definite-multiword-title-links-apposition",
        "Alexander Bastrykin, head of the Investigative Committee, spoke on Monday. "
        "The Investigative Committee chief said the suspects were detained.",
        [("Alexander Bastrykin", "the suspects were detained", False, "said")],
    ),
    (
        "definite-description-modifiers-must-agree",
        "Hungarian Prime Minister Viktor Orban visited Vienna. The Polish leader said sanctions had failed.",
        [("The Polish leader", "sanctions had failed", False, "said")],
    ),
    (
        "institution-with-acronym-keeps-full-name",
        "Ukraine's Security Service (SBU) said it had detained a spy.",
        [("Ukraine's Security Service", "it had detained a spy", False, "said")],
    ),
    (
        "coordinated-subject",
        "Moscow and Kyiv accused each other of shelling the plant.",
        [("Moscow and Kyiv", "each other of shelling the plant", False, "accused")],
    ),
    (
        "to-blame-is-not-a-cue",
        "Kyiv, for its part, said Moscow was to blame for the strike.",
        [("Kyiv", "Moscow was to blame for the strike", False, "said")],
    ),
    (
        "referring-to-is-not-a-cue",
        '"The talks are over," Lavrov said, referring to the Istanbul meeting.',
        [("Lavrov", "The talks are over,", True, "said")],
    ),
    (
        "according-to-interview-names-interviewee",
        "According to a 2019 interview with CNN, Whelan denied the charges.",
        [("Whelan", "Whelan denied the charges", False, "according to")],
    ),
    (
        "relayed-citing-sources",
        "The deal is close, Bloomberg reported, citing sources familiar with the matter.",
        [("sources", "The deal is close", False, "reported")],
    ),
    (
        "quote-does-not-take-next-sentence-cue",
        'Dmitry Peskov spoke to reporters: "We are ready." Sergei Lavrov said "nothing has changed at all".',
        [("Sergei Lavrov", "nothing has changed at all", True, "said")],
    ),
    (
        "called-object-quoted-name",
        "Jacobs called Merkel “the chancellor of the free world.”",
        [("Jacobs", "Merkel “the chancellor of the free world.”", False, "called")],
    ),
    (
        "inverted-cue-relative-clause-is-not-content",
        '"We should leave now," said the woman, who did not want to be named.',
        [("the woman", "We should leave now,", True, "said")],
    ),
    ("scare-quotes-no-speaker", 'Russia\'s "special military operation" entered its fifth month.', []),
    ("belief-not-statement", "Putin believes the West will lose interest in the war.", []),
    ("negated-speech", "The Pentagon has not confirmed that the convoy was hit.", []),
    ("pronoun-only-content", "Tehran has denied it.", []),
    ("agentless-passive", "The deal was hailed as a breakthrough.", []),
    ("no-content-act", "Zelensky thanked the Danish parliament.", []),
    ("unbalanced-mark", 'The mayor said "the city is surrounded. Nobody can leave', []),
    ("junk-subject-event", "Residents fled as the shelling of the district said the bridge was gone.", []),
    ("junk-subject-number", "The two said the convoy had turned back.", []),
    (
        "description-linked-to-later-name",
        "The envoy said the corridor would reopen. Maria Koval, the Polish ambassador to Kenya, arrived.",
        [("Maria Koval", "the corridor would reopen", False, "said")],
    ),
    (
        "description-two-holders-unlinked",
        "Anna Berg, the Swedish ambassador, and Jon Lind, the Danish ambassador, met. "
        "A diplomat said the talks had stalled.",
        [("A diplomat", "the talks had stalled", False, "said")],
    ),
    (
        "statement-on-its-channel",
        "The Defence Ministry released figures on Monday. A statement on its website said two depots burned.",
        [("Defence Ministry", "two depots burned", False, "said")],
    ),
    (
        "direct-source-named-in-next-sentence",
        "“We will not give up an inch of our land.” That was the message from Volodymyr Zelensky on Monday.",
        [("Volodymyr Zelensky", "We will not give up an inch of our land.", True, None)],
    ),
    (
        "direct-subject-inside-quote-takes-name-before-cue",
        "“The fact that he really tried to do something is what counts,” Huckabee said.",
        [("Huckabee", "The fact that he really tried to do something is what counts,", True, "said")],
    ),
    (
        "direct-timestamp-line-is-no-subject",
        "1:50 p.m.\n\nFamed fight doctor Ferdie Pacheco once said: “Cassius Clay was born in Louisville.”",
        [("Ferdie Pacheco", "Cassius Clay was born in Louisville.", True, "said")],
    ),
    (
        "direct-capitalised-name-tagged-adverb",
        "“Having access to the file is valuable,” said Skelly, explaining he worked with them.",
        [
            ("Skelly", "Having access to the file is valuable,", True, "said"),
            ("Skelly", "he worked with them", False, "explaining"),
        ],
    ),
    (
        "quote-sentence-continues-reported-speech",
        "Kerry said that 100,000 refugees would be accepted. “That adds up to 185,000 over two years.”",
        [
            ("Kerry", "100,000 refugees would be accepted", False, "said"),
            ("Kerry", "That adds up to 185,000 over two years.", True, None),
        ],
    ),
    (
        "pronoun-skips-person-inside-reported-content",
        "John Smith, a former diplomat, wrote in an op-ed that Vladimir Putin had misjudged the West. "
        "“Of course, he did nothing to stop the war,” he noted.",
        [
            ("John Smith", "Vladimir Putin had misjudged the West", False, "wrote"),
            ("John Smith", "Of course, he did nothing to stop the war,", True, "noted"),
        ],
    ),
    (
        "organizers-is-the-organisation-that-runs-it",
        "Next year’s contest will be held in Britain, organizers announced on Monday. The European "
        "Broadcasting Union, which runs the contest, said Ukraine could not host it safely.",
        [
            (
                "European Broadcasting Union",
                "Next year’s contest will be held in Britain",
                False,
                "announced",
            ),
            ("European Broadcasting Union", "Ukraine could not host it safely", False, "said"),
        ],
    ),
    (
        "the-agency-is-the-one-agency-named",
        "The United Nations refugee agency, UNHCR, runs the camps. "
        "The agency said 5,000 people arrived on Monday.",
        [("UNHCR", "5,000 people arrived on Monday", False, "said")],
    ),
    (
        "first-name-only-is-the-full-name",
        "Oleg Ivanov, a resident, said the shelling lasted all night. "
        "“We hid in the basement for ten hours,” Oleg said.",
        [
            ("Oleg Ivanov", "resident", "the shelling lasted all night", False, "said"),
            ("Oleg Ivanov", "resident", "We hid in the basement for ten hours,", True, "said"),
        ],
    ),
    (
        "hyphenated-first-name-is-no-role",
        "German President Frank-Walter Steinmeier said the war must end.",
        [("Frank-Walter Steinmeier", "German President", "the war must end", False, "said")],
    ),
    (
        "honorific-is-no-role",
        "Mr. Blinken said the talks were useful.",
        [("Blinken", None, "the talks were useful", False, "said")],
    ),
    (
        "direct-two-subjects-nearer-wins",
        'It did not.\n\n"Watch a fully formed fetus on the table, its heart beating, its legs kicking while '
        "someone says, 'We have to keep it alive to harvest its brain,' \" said former tech executive Carly "
        "Fiorina during the second GOP debate.",
        [
            (
                "Carly Fiorina",
                "former tech executive",
                "Watch a fully formed fetus on the table, its heart beating, its legs kicking while someone "
                "says, 'We have to keep it alive to harvest its brain,'",
                True,
                "said",
            )
        ],
    ),
    (
        "direct-misturned-closing-mark",
        "Carson turned the story back.\n\n“Apparently not,“ he said. “A leopard doesn’t change its spots.”",
        [
            ("Carson", "Apparently not,", True, "said"),
            ("Carson", "A leopard doesn’t change its spots.", True, "said"),
        ],
    ),
    (
        "direct-negation-inside-quote",
        "“Absolutely not,” he said of the idea, after Ed Rendell spoke.",
        [("he", "Absolutely not,", True, "said")],
    ),
    (
        "direct-went-on-colon",
        'She went on: "It is like if your house is leaking and you call anybody except the plumber."',
        [
            (
                "She",
                "It is like if your house is leaking and you call anybody except the plumber.",
                True,
                "went",
            )
        ],
    ),
    (
        "went-on-to-is-no-cue",
        'Sam Solovey, who went on to work alongside Trump, spoke. "I couldn\'t afford to defend myself."',
        [],
    ),
    (
        "direct-after-cue-sentence",
        "Sam Lau, the communications director for the Iowa Democratic Party, said in a statement. "
        "“There are no paper ballots to recount.”",
        [("Sam Lau", "There are no paper ballots to recount.", True, "said")],
    ),
    (
        "mixed-quote-in-object",
        'Clinton emphasized the need for an "unshakeable commitment" to Israel.',
        [("Clinton", 'the need for an "unshakeable commitment" to Israel', False, "emphasized")],
    ),
    (
        "object-without-quote-is-no-content",
        "Clinton emphasized the need for a commitment to Israel.",
        [],
    ),
    (
        "trailing-participle-after-quote-is-no-content",
        "Dmitry Medvedev noted that “such actions are not of an immediate nature,” referring to some of "
        "Vladimir Putin’s previous statements.",
        [("Dmitry Medvedev", "such actions are not of an immediate nature,", True, "noted")],
    ),
    (
        "trailing-relative-clause-on-a-name-is-no-content",
        "Officials said the prisoners could be exchanged for arms dealer Viktor Bout, who was sentenced "
        "to 25 years in prison in 2012.",
        [("Officials", "the prisoners could be exchanged for arms dealer Viktor Bout", False, "said")],
    ),
    (
        "content-subject-taken-for-inverted-speaker",
        "Asked about the deal signed on Friday, Victoria Nuland, State Department under secretary for "
        "political affairs, said Moscow recognized its stance risked further isolation.",
        [("Victoria Nuland", "Moscow recognized its stance risked further isolation", False, "said")],
    ),
    (
        "asked-with-its-own-subject-is-a-cue",
        "He has asked the government to release the prisoners.",
        [("He", "the government to release the prisoners", False, "asked")],
    ),
    (
        "participle-after-coordinated-cue-keeps-its-speaker",
        "Kyiv denied any such strike and said Moscow was to blame, accusing the Kremlin of shelling the "
        "prison.",
        [
            ("Kyiv", "Moscow was to blame", False, "said"),
            ("Kyiv", "the Kremlin of shelling the prison", False, "accusing"),
        ],
    ),
    (
        "gendered-apposition-picks-the-antecedent",
        "Willy Cancel was killed in April, his mother, Rebecca Cabrera, told CNN at the time. Cancel had "
        "gone to Ukraine in mid-March and was survived by his wife, she said.",
        [
            ("Rebecca Cabrera", "Willy Cancel was killed in April", False, "told"),
            (
                "Rebecca Cabrera",
                "Cancel had gone to Ukraine in mid-March and was survived by his wife",
                False,
                "said",
            ),
        ],
    ),
    (
        "lede-title-named-next",
        "The west risks nuclear conflict with China because of a “breakdown of communication”, the UK’s "
        "national security adviser has warned.\n\nSir Stephen Lovegrove said that the erosion of backdoor "
        "channels had raised the risk of war.",
        [
            (
                "Sir Stephen Lovegrove",
                "UK’s national security adviser",
                "The west risks nuclear conflict with China because of a “breakdown of communication”",
                False,
                "warned",
            ),
            (
                "Sir Stephen Lovegrove",
                "UK’s national security adviser",
                "the erosion of backdoor channels had raised the risk of war",
                False,
                "said",
            ),
        ],
    ),
    (
        "title-named-next-with-other-role-not-linked",
        "The Russian negotiator said talks were held.\n\n"
        "Turkish foreign minister Mevlut said he was encouraged.",
        [
            ("The Russian negotiator", None, "talks were held", False, "said"),
            ("Mevlut", "Turkish foreign minister", "he was encouraged", False, "said"),
        ],
    ),
    (
        "title-before-name-then-first-name",
        "China wants an “immediate ceasefire” in Ukraine, its ambassador to the US Qin Gang said on "
        "Wednesday. Speaking in Colorado, Qin said that the conflict was “spilling over.” "
        "“All parties should be engaged,” the ambassador said.",
        [
            ("Qin Gang", "the conflict was “spilling over.”", False, "said"),
            ("Qin Gang", "All parties should be engaged,", True, "said"),
        ],
    ),
    (
        "surname-subject-untagged-is-antecedent",
        "Sir Stephen Lovegrove said the risk had grown.\n\nNancy Pelosi, the speaker of the House, plans a "
        "visit.\n\nLovegrove praised the decision but also highlighted the risks.\n\n“We have clear concerns "
        "about China’s nuclear programme,” he said.",
        [
            ("Sir Stephen Lovegrove", "the risk had grown", False, "said"),
            ("Stephen Lovegrove", "We have clear concerns about China’s nuclear programme,", True, "said"),
        ],
    ),
    # Acronyms in brackets: the acronym stands for the name before it; a description with its
    # acronym is named by the acronym.
    (
        "acronym-after-name-is-the-name",
        "Latvia's State Security Service (VDD) has opened a criminal case. VDD said the man had spied for "
        "Russia.",
        [("State Security Service", "the man had spied for Russia", False, "said")],
    ),
    (
        "description-with-acronym-is-the-acronym",
        "The UN refugee agency (UNHCR) said 5 million people had fled. UNHCR said the outflow had slowed.",
        [
            ("UNHCR", "5 million people had fled", False, "said"),
            ("UNHCR", "the outflow had slowed", False, "said"),
        ],
    ),
    # A description with the name set beside it, or named in the next sentence when compatible.
    (
        "according-to-title-comma-name",
        "According to the governor, Oleksandr Starukh, two people were killed in the strike.",
        [("Oleksandr Starukh", "governor", "two people were killed in the strike", False, "according to")],
    ),
    (
        "title-then-holder-named-next-sentence",
        "The US secretary of state condemned the attack. In a statement, Antony Blinken said Russia must "
        "be held accountable.",
        [
            ("Antony Blinken", "US secretary of state", "the attack", False, "condemned"),
            ("Antony Blinken", "US secretary of state", "Russia must be held accountable", False, "said"),
        ],
    ),
    (
        "title-inside-a-paragraph-named-in-the-next-sentence",
        "Russia struck the port on Saturday. The US secretary of state condemned the attack. In a "
        "statement, Antony Blinken said Russia must be held accountable.",
        [
            ("Antony Blinken", "US secretary of state", "the attack", False, "condemned"),
            ("Antony Blinken", "US secretary of state", "Russia must be held accountable", False, "said"),
        ],
    ),
    (
        "title-inside-a-paragraph-not-linked-to-other-title",
        "Russia struck the port on Saturday. The Russian negotiator said talks would go on. Turkish "
        "Foreign Minister Mevlut Cavusoglu said the deal would hold.",
        [
            ("The Russian negotiator", None, "talks would go on", False, "said"),
            ("Mevlut Cavusoglu", "Turkish Foreign Minister", "the deal would hold", False, "said"),
        ],
    ),
    (
        "title-not-linked-to-holder-of-other-nationality",
        "Ukraine's negotiator said talks were difficult. Russian negotiator Vladimir Medinsky said "
        "progress was made.",
        [
            ("Ukraine's negotiator", "talks were difficult", False, "said"),
            ("Vladimir Medinsky", "progress was made", False, "said"),
        ],
    ),
    # Definite descriptions take up the earlier unnamed source they agree with.
    (
        "definite-description-takes-up-earlier-description",
        "Ukraine's negotiator said talks were difficult. The negotiator said a deal was possible.",
        [
            ("Ukraine's negotiator", "talks were difficult", False, "said"),
            ("Ukraine's negotiator", "a deal was possible", False, "said"),
        ],
    ),
    (
        "definite-description-with-other-nationality-stays",
        "Ukraine's negotiator said talks were difficult. The Russian negotiator said progress was made.",
        [
            ("Ukraine's negotiator", "talks were difficult", False, "said"),
            ("The Russian negotiator", "progress was made", False, "said"),
        ],
    ),
    (
        "presidency-and-his-office-are-the-president",
        "President Volodymyr Zelensky visited the front. The presidency said he had met soldiers. His "
        "office said the visit lasted three hours.",
        [
            ("Volodymyr Zelensky", "he had met soldiers", False, "said"),
            ("Volodymyr Zelensky", "the visit lasted three hours", False, "said"),
        ],
    ),
    # Documents speak for the body that issued them.
    (
        "report-released-by-is-the-issuer",
        "Two officials were charged, according to a report released by the State Bureau of Investigation.",
        [("State Bureau of Investigation", "Two officials were charged", False, "according to")],
    ),
    (
        "notice-from-is-the-issuer",
        "A notice from the Justice Ministry says the group was banned.",
        [("Justice Ministry", "the group was banned", False, "says")],
    ),
    # A quote paragraph that names its own speaker does not continue the previous one.
    (
        "quote-paragraph-with-far-attribution-is-not-a-continuation",
        "“We are ready,” Maria Ivanova, a local official, said.\n\n“The shelling continues every day "
        "and nobody helps the people who stayed behind in the villages near the front line, where the "
        "water supply was cut in March,” said Yuri Kanner, head of the Russian Jewish Congress.",
        [
            ("Maria Ivanova", "We are ready,", True, "said"),
            (
                "Yuri Kanner",
                "The shelling continues every day and nobody helps the people who stayed behind in the "
                "villages near the front line, where the water supply was cut in March,",
                True,
                "said",
            ),
        ],
    ),
    (
        "quote-paragraph-attributed-in-next-sentence",
        "“We are ready,” Maria Ivanova, a local official, said.\n\n“The shelling continues every day and "
        "nobody helps the people.” In an interview on Tuesday, Yuri Kanner, head of the Russian Jewish "
        "Congress, said more was needed.",
        [
            ("Maria Ivanova", "We are ready,", True, "said"),
            ("Yuri Kanner", "The shelling continues every day and nobody helps the people.", True, "said"),
            ("Yuri Kanner", "more was needed", False, "said"),
        ],
    ),
    # A state named in the previous sentence is what "it" and "the country" stand for.
    (
        "it-is-the-state-named-before",
        "The Ukrainian military said 20 missiles were fired. Russia launched strikes on Kyiv on Monday. It "
        "said the strikes hit military targets.",
        [
            ("The Ukrainian military", "20 missiles were fired", False, "said"),
            ("Russia", "the strikes hit military targets", False, "said"),
        ],
    ),
    (
        "it-takes-up-a-one-word-source",
        "Gazprom said it was halting another turbine. European politicians have challenged that "
        "explanation, with Germany saying the turbine was not meant to be used until September. Gazprom "
        "said on Monday it had received papers from Siemens. “The documents do not remove the risks,” it "
        "said in a statement.",
        [
            ("Gazprom", "it was halting another turbine", False, "said"),
            ("Germany", "the turbine was not meant to be used until September", False, "saying"),
            ("Gazprom", "on Monday it had received papers from Siemens", False, "said"),
            ("Gazprom", "The documents do not remove the risks,", True, "said"),
        ],
    ),
    (
        "named-institution-is-not-renamed-by-the-next-source",
        "The European Union has accused Russia of resorting to energy blackmail, while the Kremlin says "
        "the gas disruption has been caused by maintenance issues.",
        [
            ("European Union", "Russia of resorting to energy blackmail", False, "accused"),
            ("Kremlin", "the gas disruption has been caused by maintenance issues", False, "says"),
        ],
    ),
    (
        "the-regions-administration-is-the-place-named-before",
        "One person was killed in shelling that hit a residential area in Mykolaiv, the region’s "
        "administration said.",
        [
            (
                "Mykolaiv",
                "One person was killed in shelling that hit a residential area in Mykolaiv",
                False,
                "said",
            )
        ],
    ),
    (
        "title-with-name-beside-after-inverted-cue",
        "The attacks drew condemnation.\n\n“Outrageous,” tweeted the US ambassador to Kyiv, Bridget Brink. "
        "“Russia strikes the port city of Odesa less than 24 hours after signing an agreement.”",
        [
            ("Bridget Brink", "US ambassador to Kyiv", "Outrageous,", True, "tweeted"),
            (
                "Bridget Brink",
                "US ambassador to Kyiv",
                "Russia strikes the port city of Odesa less than 24 hours after signing an agreement.",
                True,
                "tweeted",
            ),
        ],
    ),
    (
        "acronym-of-a-long-name",
        "The United Nations High Commissioner for Refugees (UNHCR) opened a centre. UNHCR said 5 million "
        "people had fled.",
        [("United Nations High Commissioner for Refugees", "5 million people had fled", False, "said")],
    ),
    (
        "statement-on-a-website-is-its-owner",
        "According to a statement on the Kremlin website, the leaders discussed grain.",
        [("Kremlin", "the leaders discussed grain", False, "according to")],
    ),
    (
        "statement-on-his-channel-is-the-person",
        "President Volodymyr Zelensky met soldiers. A statement on his Telegram channel said the visit "
        "lasted three hours.",
        [("Volodymyr Zelensky", "the visit lasted three hours", False, "said")],
    ),
    (
        "data-from-an-agency-are-the-agency",
        "According to data from the UN refugee agency, 5 million people have fled.",
        [("UN refugee agency", "5 million people have fled", False, "according to")],
    ),
    (
        "survey-of-people-is-not-by-them",
        "An Associated Press survey of Democratic superdelegates found that most backed Clinton, "
        "according to a survey of voters.",
        [
            (
                "a survey of voters",
                "An Associated Press survey of Democratic superdelegates found that most backed Clinton",
                False,
                "according to",
            )
        ],
    ),
    (
        "the-countrys-forces-are-the-state",
        "Ukraine has accused Russia of shelling the plant. The country's forces said they had destroyed two "
        "depots.",
        [
            ("Ukraine", "Russia of shelling the plant", False, "accused"),
            ("Ukraine", "they had destroyed two depots", False, "said"),
        ],
    ),
]


def _article(body: str) -> Article:
    return Article(id="t", path="t.txt", date="2022-03-29", text=HEADER + body, body_start=len(HEADER))


def _run(nlp: Any, body: str) -> list[Statement]:
    return list(extract(parse(_article(body), nlp)))


def _rows(stmts: list[Statement]) -> list[Row]:
    return [(s.speaker, s.quote, s.direct, s.cue) for s in stmts]


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pattern(nlp: Any, name: str, body: str, expected: list[Row]) -> None:
    got = _run(nlp, body)
    if name == "unbalanced-mark":
        # Whatever is found, an unclosed mark must not crash or lose offsets.
        assert all(HEADER + body == _article(body).text for _ in got)
        return
    if expected and len(expected[0]) == 5:
        assert [(s.speaker, s.role, s.quote, s.direct, s.cue) for s in got] == expected
        return
    assert _rows(got) == expected


def test_sentence_span_is_orthographic(nlp: Any) -> None:
    """The source sentence is whole sentences of the body, never the date header."""
    body = 'Jamieson said Trump is "telling supporters what they want." Others disagreed.'
    art = _article(body)
    (s,) = extract(parse(art, nlp))
    want = 'Jamieson said Trump is "telling supporters what they want."'
    assert art.text[s.sent_start : s.sent_end] == want


def test_offsets_point_at_quote(nlp: Any) -> None:
    text = "“We want guarantees,” David Arakhamia said. A Ukrainian official said 5,000 people died."
    art = _article(text)
    found = list(extract(parse(art, nlp)))
    assert [s.speaker for s in found] == ["David Arakhamia", "A Ukrainian official"]
    for s in found:
        assert art.text[s.start : s.end] == s.quote
        assert s.sent_start <= s.start < s.end <= s.sent_end


ARTICLE = (
    "Ukraine President Volodymyr Zelensky addressed the Danish parliament on Tuesday.\n\n"
    "“What the Russian troops are doing to Mariupol is a crime,” Zelensky said. "
    "“It is happening in front of the whole planet.”\n\n"
    "“There were no military ambitions in Mykolaiv.”\n\n"
    "Russia's deputy defence minister Alexander Fomin said his forces are ready to scale down fighting. "
    "He added that the talks were meaningful.\n\n"
    "The Turkish president, Recep Tayyip Erdogan, urged “an end to this tragedy”."
)


def test_article_level_resolution(nlp: Any) -> None:
    rows = [(s.speaker, s.role, s.direct, s.cue) for s in _run(nlp, ARTICLE)]
    assert rows == [
        ("Volodymyr Zelensky", "Ukraine President", True, "said"),
        ("Volodymyr Zelensky", "Ukraine President", True, "said"),
        ("Volodymyr Zelensky", "Ukraine President", True, None),
        ("Alexander Fomin", "Russia's deputy defence minister", False, "said"),
        ("Alexander Fomin", "Russia's deputy defence minister", False, "added"),
        ("Recep Tayyip Erdogan", "Turkish president", True, "urged"),
    ]


def test_headline_is_excluded(nlp: Any) -> None:
    body = "Kremlin Says Talks Made No Progress\n\nThe talks resume on Monday in Istanbul."
    assert _rows(_run(nlp, body)) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Issa: Hillary Clinton’s ‘Honesty Is In Question.’\n\nThe congressman spoke on Sunday.",
            [("Issa", "Hillary Clinton’s ‘Honesty Is In Question.’", False, None)],
        ),
        ("The Latest: Trump Visits Ohio Today\n\nThe candidate spoke on Sunday.", []),
    ],
    ids=["name-colon", "section-label-colon"],
)
def test_headline_attributions_under_polnear_convention(nlp: Any, body: str, expected: list[Row]) -> None:
    """PolNeAR annotates the headline's attributions; the spec (the default) excludes headlines."""
    parsed = parse(_article(body), nlp)
    assert _rows(list(extract(parsed))) == []
    assert _rows(list(extract(parsed, options=StatementOptions.polnear()))) == expected
    assert _rows(list(extract(parsed, options=StatementOptions(join_split_quotes=True)))) == []


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said “a b c” and left.", ["a b c"]),
        ('He said "a b c" and "d e".', ["a b c", "d e"]),
        ("“First para open\n\n“Second para closed.”", ["First para open", "Second para closed."]),
        ("An apostrophe's use isn't a quote, but ‘this one is’ indeed.", ["this one is"]),
        ('Stray "mark at the end', ["mark at the end"]),
        ("''Doubled apostrophes,'' he said, ''quote too.''", ["Doubled apostrophes,", "quote too."]),
        ("Typo ”opening mark” here", ["opening mark"]),
        ("“Apparently not,“ he said. “Never.”", ["Apparently not,", "Never."]),
    ],
)
def test_quote_spans(text: str, inner: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == inner


def test_parsed_article_is_accepted(nlp: Any) -> None:
    parsed = parse(_article("Nobody said anything."), nlp)
    assert isinstance(parsed, ParsedArticle)
    # "Nobody" is no speaker and the sentence reports nothing.
    assert list(extract(parsed)) == []


JOIN = StatementOptions(join_split_quotes=True)


@pytest.mark.parametrize(
    ("body", "spec_quotes", "joined"),
    [
        (
            'Vladimir Putin spoke. "We have moved forward," he said. "Not all issues are resolved yet."',
            ["We have moved forward,", "Not all issues are resolved yet."],
            ['We have moved forward," he said. "Not all issues are resolved yet.'],
        ),
        (
            "“The ships will sail,” Zelensky said.\n\n“The ports are open again.”",
            ["The ships will sail,", "The ports are open again."],
            ["The ships will sail,” Zelensky said.\n\n“The ports are open again."],
        ),
        (
            '"We will win," Zelensky said. Lavrov said "nothing has changed at all".',
            ["We will win,", "nothing has changed at all"],
            ["We will win,", "nothing has changed at all"],
        ),
        (
            "“You can wreck their career in a minute,” she said. And that entails something of a downshift "
            "for both of them, since the newsletter has long been a gentle read for the political class and "
            "its many readers in the capital who start their day with it and expect gossip rather than "
            "scoops or investigations into anyone powerful. “It is a different job now.”",
            ["You can wreck their career in a minute,", "It is a different job now."],
            ["You can wreck their career in a minute,", "It is a different job now."],
        ),
    ],
    ids=[
        "split-quote",
        "continuation-paragraph",
        "different-speakers-stay-apart",
        "narrative-between-stays-apart",
    ],
)
def test_join_split_quotes_option(nlp: Any, body: str, spec_quotes: list[str], joined: list[str]) -> None:
    """The PolNeAR convention joins a split quote into one statement; the spec default does not."""
    art = _article(body)
    parsed = parse(art, nlp)
    assert [s.quote for s in extract(parsed)] == spec_quotes
    got = list(extract(parsed, options=JOIN))
    assert [s.quote for s in got] == joined
    for s in got:
        assert art.text[s.start : s.end] == s.quote
