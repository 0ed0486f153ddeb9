<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AccountController</name>
    <message>
        <source>Demo (built-in emulator)</source>
        <translation>デモ（内蔵エミュレーター）</translation>
    </message>
    <message>
        <source>Paste your BFL API key first.</source>
        <translation>先に BFL の APIキーを貼り付けてください。</translation>
    </message>
    <message>
        <source>The key could not be checked.</source>
        <translation>キーを確認できませんでした。</translation>
    </message>
    <message>
        <source>Key accepted for this session only. </source>
        <translation>キーを確認しました（このセッションのみ有効）。</translation>
    </message>
    <message>
        <source>Key accepted and saved in the system keychain.</source>
        <translation>キーを確認し、システムのキーチェーンに保存しました。</translation>
    </message>
    <message>
        <source>The API key was removed from the keychain.</source>
        <translation>APIキーをキーチェーンから削除しました。</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <source>FluxDesk history backup (*.zip)</source>
        <translation>FluxDesk 履歴バックアップ (*.zip)</translation>
    </message>
    <message>
        <source>Back Up History…</source>
        <translation>履歴をバックアップ…</translation>
    </message>
    <message>
        <source>Restore History…</source>
        <translation>履歴を復元…</translation>
    </message>
    <message>
        <source>Back Up History</source>
        <translation>履歴をバックアップ</translation>
    </message>
    <message>
        <source>Backing up the history…</source>
        <translation>履歴をバックアップしています…</translation>
    </message>
    <message>
        <source>Restore History</source>
        <translation>履歴を復元</translation>
    </message>
    <message>
        <source>Jobs are running. Let them finish (or cancel them), then restore.</source>
        <translation>ジョブを実行中です。完了（またはキャンセル）してから復元してください。</translation>
    </message>
    <message>
        <source>Replace the history with this backup? The current history is not deleted: it is kept beside the restored one, and every image stays in place.</source>
        <translation>このバックアップで履歴を置き換えますか？ 現在の履歴は削除されず、復元した履歴の隣に保管されます。画像もすべてそのまま残ります。</translation>
    </message>
    <message>
        <source>Another FluxDesk (a window or a command) is using this history. Close it, then restore; nothing was changed.</source>
        <translation>別の FluxDesk（ウィンドウまたはコマンド）がこの履歴を使用中です。閉じてから復元してください。変更は行っていません。</translation>
    </message>
    <message>
        <source>Restoring the history…</source>
        <translation>履歴を復元しています…</translation>
    </message>
    <message>
        <source>A backup or restore is already running.</source>
        <translation>バックアップまたは復元がすでに実行中です。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>キャンセルしました。何も書き出していません。</translation>
    </message>
    <message>
        <source>FluxDesk</source>
        <translation>FluxDesk</translation>
    </message>
    <message>
        <source>Backed up {entries} entries and {images} images to {name}.</source>
        <translation>{entries} 件の項目と {images} 枚の画像を {name} にバックアップしました。</translation>
    </message>
    <message>
        <source>Restored {entries} entries and {images} images.</source>
        <translation>{entries} 件の項目と {images} 枚の画像を復元しました。</translation>
    </message>
    <message>
        <source>The history it replaced is kept as {name}.</source>
        <translation>置き換え前の履歴は {name} として保管しています。</translation>
    </message>
</context>
<context>
    <name>BatchController</name>
    <message>
        <source>{page}: {problem}</source>
        <translation>{page}：{problem}</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>何も送信していません。</translation>
    </message>
    <message>
        <source>Add the pages first: a folder, or some image files.</source>
        <translation>先にページを追加してください（フォルダー、または画像ファイル）。</translation>
    </message>
</context>
<context>
    <name>BatchTiles</name>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>確認待ち</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>採用</translation>
    </message>
    <message>
        <source>Redo asked</source>
        <translation>再生成待ち</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未送信</translation>
    </message>
</context>
<context>
    <name>BatchTools</name>
    <message>
        <source>Nothing was sent.</source>
        <translation>何も送信していません。</translation>
    </message>
    <message>
        <source>Stop the batch?</source>
        <translation>一括処理を停止しますか？</translation>
    </message>
    <message>
        <source>Jobs still waiting are cancelled and nothing more is sent by itself. Results already made are kept; Redo still runs a page. Stop the batch?</source>
        <translation>待機中のジョブはキャンセルされ、これ以降は自動では何も送信しません。作成済みの結果は残ります。「再生成」でページを個別に実行することはできます。一括処理を停止しますか？</translation>
    </message>
    <message>
        <source>{page} is the input, with the batch&apos;s settings; new results belong to the page: pick one on its tile in Chapter Batch.</source>
        <translation>{page} を一括処理の設定で入力画像にしました。新しい結果はこのページのものになります。「話の一括処理」のタイルで選んでください。</translation>
    </message>
    <message>
        <source>accepted in the chapter batch, in page order</source>
        <translation>話の一括処理で採用したもの、ページ順</translation>
    </message>
</context>
<context>
    <name>CanvasController</name>
    <message>
        <source>No images there: drop PNG, JPEG, TIFF or WebP files.</source>
        <translation>画像がありません。PNG・JPEG・TIFF・WebP ファイルをドロップしてください。</translation>
    </message>
    <message>
        <source>Opened {name}, the first of {count} pages.</source>
        <translation>{count} ページのうち最初の {name} を開きました。</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>クリップボードに画像がありません。</translation>
    </message>
    <message>
        <source>The result is now the input: the next jobs continue from it.</source>
        <translation>この結果を入力画像にしました。次のジョブはここから続けます。</translation>
    </message>
</context>
<context>
    <name>CanvasView</name>
    <message>
        <source>{name} is too large to open with the memory available.</source>
        <translation>{name} は大きすぎて、使用可能なメモリでは開けません。</translation>
    </message>
    <message>
        <source>FluxDesk could not open {name} (an internal error; see the log).</source>
        <translation>{name} を開けませんでした（内部エラー。ログを確認してください）。</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Drop your pencils here</source>
        <translation>ここに下書きをドロップ</translation>
    </message>
    <message>
        <source>PNG, JPEG, TIFF or a folder of pages · Ctrl+O to open · Ctrl+V to paste</source>
        <translation>PNG・JPEG・TIFF、またはページのフォルダー · Ctrl+O で開く · Ctrl+V で貼り付け</translation>
    </message>
    <message>
        <source>Pencils</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>生成結果</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} を開いています…</translation>
    </message>
    <message>
        <source>Loading full resolution…</source>
        <translation>フル解像度を読み込んでいます…</translation>
    </message>
    <message>
        <source>Hold F to see the {layer}</source>
        <translation>F を押している間 {layer} を表示</translation>
    </message>
</context>
<context>
    <name>ChangesFeature</name>
    <message>
        <source>Changes</source>
        <translation>差分</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>What moved</source>
        <translation>変化した箇所</translation>
    </message>
    <message>
        <source>Where the result&apos;s lines moved, appeared or vanished beyond inking (redrawn eyes, hands, anatomy), boxed and numbered, biggest first.</source>
        <translation>ペン入れの範囲を超えて結果の線が動いた・増えた・消えた箇所（描き直された目・手・体の形など）を、大きい順に枠と番号で示します。</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Onion skin</source>
        <translation>オニオンスキン</translation>
    </message>
    <message>
        <source>pencils only</source>
        <translation>下書きのみ</translation>
    </message>
    <message>
        <source>result only</source>
        <translation>結果のみ</translation>
    </message>
    <message>
        <source>both</source>
        <translation>両方</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>生成結果</translation>
    </message>
    <message>
        <source>Registering the result on the pencils…</source>
        <translation>結果を下書きに位置合わせしています…</translation>
    </message>
    <message>
        <source>The result does not match the pencils well enough to align it.</source>
        <translation>結果と下書きの一致が不十分なため、位置合わせできません。</translation>
    </message>
    <message>
        <source>Aligned on the pencils: moved {shift:.1f} px, scaled to {scale:.2f} %.</source>
        <translation>下書きに位置合わせしました：移動 {shift:.1f} px、倍率 {scale:.2f} %。</translation>
    </message>
    <message>
        <source>Nothing was redrawn beyond inking.</source>
        <translation>ペン入れ以外に描き直された箇所はありません。</translation>
    </message>
    <message>
        <source>{n}.  {w} × {h} px at {x}, {y}</source>
        <translation>{n}.  {w} × {h} px（位置 {x}, {y}）</translation>
    </message>
    <message>
        <source>Click to zoom to it</source>
        <translation>クリックで拡大表示</translation>
    </message>
    <message>
        <source>and 1 smaller change (on the heat map)</source>
        <translation>ほか小さな変化 1 件（ヒートマップ上）</translation>
    </message>
    <message>
        <source>and {n} smaller changes (on the heat map)</source>
        <translation>ほか小さな変化 {n} 件（ヒートマップ上）</translation>
    </message>
</context>
<context>
    <name>ChapterDialog</name>
    <message>
        <source>Export Chapter PDF</source>
        <translation>話をPDFで書き出し</translation>
    </message>
    <message>
        <source>1-bit G4</source>
        <translation>1ビット G4</translation>
    </message>
    <message>
        <source>8-bit grey</source>
        <translation>8ビット グレー</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>カラー</translation>
    </message>
    <message>
        <source>{count} pages, {origin}: {names}</source>
        <translation>{count} ページ、{origin}：{names}</translation>
    </message>
    <message>
        <source>{name} {size}, {width} × {height} px at {dpi} dpi, {depth}</source>
        <translation>{name} {size}、{width} × {height} px（{dpi} dpi）、{depth}</translation>
    </message>
    <message>
        <source>Align each page to its pencils</source>
        <translation>各ページを下書きに位置合わせ</translation>
    </message>
</context>
<context>
    <name>CleanupController</name>
    <message>
        <source>Off: the scan is sent as it is.</source>
        <translation>オフ：スキャンをそのまま送信します。</translation>
    </message>
    <message>
        <source>Open a scan to preview its clean-up.</source>
        <translation>スキャンを開くとクリーンアップをプレビューできます。</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>スキャン</translation>
    </message>
    <message>
        <source>Cleaned</source>
        <translation>クリーンアップ後</translation>
    </message>
    <message>
        <source>Pencils</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>生成結果</translation>
    </message>
    <message>
        <source>Preview {w}×{h} in {ms:.0f} ms. The cleaned scan is sent.</source>
        <translation>プレビュー {w}×{h}（{ms:.0f} ms）。クリーンアップ後のスキャンを送信します。</translation>
    </message>
</context>
<context>
    <name>CleanupPanel</name>
    <message>
        <source>Keep every colour</source>
        <translation>すべての色を残す</translation>
    </message>
    <message>
        <source>Non-photo blue pencil</source>
        <translation>水色鉛筆（ノンフォトブルー）</translation>
    </message>
    <message>
        <source>Red pencil</source>
        <translation>赤鉛筆</translation>
    </message>
    <message>
        <source>Any coloured pencil</source>
        <translation>色鉛筆すべて</translation>
    </message>
    <message>
        <source>Clean up the scan before sending</source>
        <translation>送信前にスキャンをクリーンアップ</translation>
    </message>
    <message>
        <source>Higher also removes fainter, greyer pencil</source>
        <translation>高くすると、薄くグレーがかった鉛筆線も除去します</translation>
    </message>
    <message>
        <source>Auto contrast: paper white, darkest lines black</source>
        <translation>自動コントラスト：紙を白に、最も濃い線を黒に</translation>
    </message>
    <message>
        <source>Above 1 lightens the greys, below 1 darkens them</source>
        <translation>1より大きいとグレーが明るく、小さいと暗くなります</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Dark dots smaller than this (at scan size) go</source>
        <translation>これより小さい黒い点（スキャンサイズ基準）を除去</translation>
    </message>
    <message>
        <source>Convert to greyscale</source>
        <translation>グレースケールに変換</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>おすすめ</translation>
    </message>
    <message>
        <source>Turn clean-up on with blue pencil out, auto contrast and small specks out</source>
        <translation>水色鉛筆の除去・自動コントラスト・小さなゴミ取りでクリーンアップをオンにします</translation>
    </message>
    <message>
        <source>Pencil</source>
        <translation>鉛筆</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>感度</translation>
    </message>
    <message>
        <source>Black point</source>
        <translation>黒点</translation>
    </message>
    <message>
        <source>White point</source>
        <translation>白点</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>ガンマ</translation>
    </message>
    <message>
        <source>Despeckle</source>
        <translation>ゴミ取り</translation>
    </message>
    <message>
        <source>Instant and local. The cleaned copy is what gets sent and kept with the job; your scan file is never changed.</source>
        <translation>すぐに、このパソコン上で処理します。送信してジョブと一緒に保存されるのはクリーンアップ後のコピーで、元のスキャンファイルは変更されません。</translation>
    </message>
    <message>
        <source>Clean-up</source>
        <translation>クリーンアップ</translation>
    </message>
    <message>
        <source>Preview on the canvas</source>
        <translation>キャンバスでプレビュー</translation>
    </message>
</context>
<context>
    <name>ConfirmBatchDialog</name>
    <message>
        <source>consecutive, from {seed}</source>
        <translation>{seed} から連番</translation>
    </message>
    <message>
        <source>consecutive, from a random start</source>
        <translation>ランダムな値から連番</translation>
    </message>
    <message>
        <source>{seed} on every page</source>
        <translation>全ページで {seed}</translation>
    </message>
    <message>
        <source>one random seed on every page</source>
        <translation>全ページで同じランダムなシード</translation>
    </message>
    <message>
        <source>a new random seed per page</source>
        <translation>ページごとに新しいランダムなシード</translation>
    </message>
    <message>
        <source>Run Chapter Batch?</source>
        <translation>話の一括処理を実行しますか？</translation>
    </message>
    <message>
        <source>Run “{chapter}”?</source>
        <translation>「{chapter}」を実行しますか？</translation>
    </message>
    <message>
        <source>Pages:</source>
        <translation>ページ数：</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>タスク：</translation>
    </message>
    <message>
        <source>1 result per page</source>
        <translation>1 ページあたり 1 枚</translation>
    </message>
    <message>
        <source>{n} results per page</source>
        <translation>1 ページあたり {n} 枚</translation>
    </message>
    <message>
        <source>1 job</source>
        <translation>1 件のジョブ</translation>
    </message>
    <message>
        <source>{n} jobs</source>
        <translation>{n} 件のジョブ</translation>
    </message>
    <message>
        <source>up to {n} at a time</source>
        <translation>同時に最大 {n} 件</translation>
    </message>
    <message>
        <source>{results}: {jobs}, {at_once}</source>
        <translation>{results}：{jobs}、{at_once}</translation>
    </message>
    <message>
        <source>Jobs:</source>
        <translation>ジョブ：</translation>
    </message>
    <message>
        <source>Seeds:</source>
        <translation>シード：</translation>
    </message>
    <message>
        <source>Each job:</source>
        <translation>1 件あたり：</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>合計：</translation>
    </message>
    <message>
        <source>{now} now, {after} after this batch</source>
        <translation>現在 {now}、この一括処理の後 {after}</translation>
    </message>
    <message>
        <source> — not enough credits for every page</source>
        <translation> — 全ページ分のクレジットが足りません</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>残高：</translation>
    </message>
    <message>
        <source>The price of some jobs is not known.</source>
        <translation>一部のジョブの料金が不明です。</translation>
    </message>
    <message>
        <source>Results are saved as they arrive. If FluxDesk closes mid-batch, the next start fetches what was sent and sends the rest; nothing is sent twice.</source>
        <translation>結果は届いたものから保存します。途中で FluxDesk が終了しても、次回の起動時に送信済みの分を取得し、残りを送信します。同じジョブを二度送ることはありません。</translation>
    </message>
    <message>
        <source>Run {jobs} for {total}</source>
        <translation>{jobs}を {total} で実行</translation>
    </message>
</context>
<context>
    <name>ContactSheet</name>
    <message>
        <source>Chapter Batch</source>
        <translation>話の一括処理</translation>
    </message>
    <message>
        <source>New Batch…</source>
        <translation>新しい一括処理…</translation>
    </message>
    <message>
        <source>Stop Batch</source>
        <translation>一括処理を停止</translation>
    </message>
    <message>
        <source>Cancel the jobs still waiting or running; results already made are kept.</source>
        <translation>待機中・実行中のジョブをキャンセルします。作成済みの結果は残ります。</translation>
    </message>
    <message>
        <source>No chapter batch yet. New Batch… runs one task preset over every page of a folder, with the price shown before anything is sent.</source>
        <translation>まだ話の一括処理はありません。「新しい一括処理…」で、フォルダー内の全ページに1つのタスクプリセットを実行します。料金は送信前に表示します。</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>採用 (A)</translation>
    </message>
    <message>
        <source>Redo (R)</source>
        <translation>再生成 (R)</translation>
    </message>
    <message>
        <source>Branch (B)</source>
        <translation>分岐 (B)</translation>
    </message>
    <message>
        <source>Compare (C)</source>
        <translation>比較 (C)</translation>
    </message>
    <message>
        <source>Export Accepted as PDF…</source>
        <translation>採用分をPDFで書き出し…</translation>
    </message>
    <message>
        <source>Keep this result for the page (starred in History)</source>
        <translation>この結果をページに採用します（履歴でスター付きになります）</translation>
    </message>
    <message>
        <source>Run the page again with a new seed</source>
        <translation>新しいシードでページをもう一度実行します</translation>
    </message>
    <message>
        <source>Open this result as the input in the main window, with the batch&apos;s settings; new results belong to the page and can be accepted here</source>
        <translation>この結果を一括処理の設定でメインウィンドウの入力画像として開きます。新しい結果はこのページのものになり、ここで採用できます</translation>
    </message>
    <message>
        <source>Show the pencils and this result on the canvas</source>
        <translation>下書きとこの結果をキャンバスに表示します</translation>
    </message>
    <message>
        <source>Arrows move · A accept · R redo · B branch · C compare · [ ] other results</source>
        <translation>矢印キーで移動 · A 採用 · R 再生成 · B 分岐 · C 比較 · [ ] 他の結果</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>一括処理：</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 ページ</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} ページ</translation>
    </message>
    <message>
        <source>1 result each</source>
        <translation>各 1 枚</translation>
    </message>
    <message>
        <source>{n} results each</source>
        <translation>各 {n} 枚</translation>
    </message>
    <message>
        <source>{count} {status}</source>
        <translation>{status} {count}</translation>
    </message>
    <message>
        <source>spent {cost}</source>
        <translation>利用 {cost}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止済み</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>FluxDesk ran into a problem</source>
        <translation>FluxDesk で問題が発生しました</translation>
    </message>
    <message>
        <source>FluxDesk ran into a problem.</source>
        <translation>FluxDesk で問題が発生しました。</translation>
    </message>
    <message>
        <source>The report below is saved as {name} in the log folder.</source>
        <translation>以下のレポートはログフォルダーに {name} として保存されています。</translation>
    </message>
    <message>
        <source>The report below could not be saved; copy it from here.</source>
        <translation>以下のレポートは保存できませんでした。ここからコピーしてください。</translation>
    </message>
    <message>
        <source>Your work is safe: every result is already saved in the history.</source>
        <translation>作業内容は安全です。すべての結果は履歴に保存済みです。</translation>
    </message>
    <message>
        <source>You can keep working. If something looks wrong, close and reopen FluxDesk; jobs still running are picked up again at the next start. To help us fix it, copy the report (it holds no keys or passwords) and send it to us with a line on what you were doing.</source>
        <translation>このまま作業を続けられます。表示がおかしい場合は FluxDesk を再起動してください。実行中のジョブは次回の起動時に引き継がれます。修正にご協力いただける場合は、レポート（キーやパスワードは含まれません）をコピーし、何をしていたかを一言添えてお送りください。</translation>
    </message>
    <message>
        <source>Copy Report</source>
        <translation>レポートをコピー</translation>
    </message>
    <message>
        <source>Open Log Folder</source>
        <translation>ログフォルダーを開く</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>DayBarChart</name>
    <message>
        <source>No spending in the last {n} days.</source>
        <translation>過去 {n} 日間の利用はありません。</translation>
    </message>
</context>
<context>
    <name>EditTarget</name>
    <message>
        <source>top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>The selection and mask are not used by Expand.</source>
        <translation>拡張では選択範囲とマスクは使われません。</translation>
    </message>
    <message>
        <source>Drag the page&apos;s edges outward with the Expand tool (E).</source>
        <translation>拡張ツール（E）でページの端を外側にドラッグしてください。</translation>
    </message>
    <message>
        <source>+{value} px {side}</source>
        <translation>{side} +{value} px</translation>
    </message>
    <message>
        <source>Expand&apos;s sides count pixels of the image sent ({width}×{height}); on your page that is {grown}.</source>
        <translation>拡張の各辺は送信する画像（{width}×{height}）のピクセル数です。ページ上では {grown} になります。</translation>
    </message>
    <message>
        <source>Growing the page to {size}</source>
        <translation>ページを {size} に拡張</translation>
    </message>
    <message>
        <source>→ new page {width}×{height} px (painted at {model_width}×{model_height})</source>
        <translation>→ 新しいページ {width}×{height} px（{model_width}×{model_height} で描画）</translation>
    </message>
    <message>
        <source>The selection is not used: {model} makes a new image.</source>
        <translation>選択範囲は使われません：{model} は新しい画像を生成します。</translation>
    </message>
    <message>
        <source>Paint a mask first (B), or select a region (M): Fill repaints only what you mark.</source>
        <translation>先にマスクを塗るか（B）、範囲を選択してください（M）。Fill は指定した部分だけを描き直します。</translation>
    </message>
    <message>
        <source>Repainting the masked area ({size})</source>
        <translation>マスク部分を描き直し（{size}）</translation>
    </message>
    <message>
        <source>Repainting the selected region ({size})</source>
        <translation>選択範囲を描き直し（{size}）</translation>
    </message>
    <message>
        <source>Editing the masked area ({size})</source>
        <translation>マスク部分を編集（{size}）</translation>
    </message>
    <message>
        <source>Editing the selected region ({size})</source>
        <translation>選択範囲を編集（{size}）</translation>
    </message>
    <message>
        <source>Aspect ratio and size are not sent: the region keeps its own shape.</source>
        <translation>縦横比とサイズは送信しません。範囲の形はそのままです。</translation>
    </message>
    <message>
        <source>→ pasted into the {width}×{height} px page; the rest untouched</source>
        <translation>→ {width}×{height} px のページに貼り込み、ほかの部分はそのまま</translation>
    </message>
</context>
<context>
    <name>EntryDiffDialog</name>
    <message>
        <source>Compare entries</source>
        <translation>項目を比較</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>画像なし</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>設定項目</translation>
    </message>
    <message>
        <source>Show settings that did not change</source>
        <translation>変更のない設定も表示</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>入力画像</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>費用</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>生成時間</translation>
    </message>
</context>
<context>
    <name>ExpandOptions</name>
    <message>
        <source>Pixels of page to add on this side (snapped to what the model can paint)</source>
        <translation>この辺に追加するページのピクセル数（モデルが描ける値に合わせます）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>No expansion (Esc)</source>
        <translation>拡張しない（Esc）</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <source>Open a page to expand it</source>
        <translation>拡張するページを開いてください</translation>
    </message>
    <message>
        <source>Drag an edge of the page outward</source>
        <translation>ページの端を外側にドラッグ</translation>
    </message>
    <message>
        <source>New page {w} × {h} px</source>
        <translation>新しいページ {w} × {h} px</translation>
    </message>
</context>
<context>
    <name>ExpandTool</name>
    <message>
        <source>New page {width} × {height} px</source>
        <translation>新しいページ {width} × {height} px</translation>
    </message>
</context>
<context>
    <name>ExportPageDialog</name>
    <message>
        <source>TIFF · 1-bit black and white, CCITT G4</source>
        <translation>TIFF · 1ビット モノクロ2値、CCITT G4</translation>
    </message>
    <message>
        <source>PNG · 1-bit black and white</source>
        <translation>PNG · 1ビット モノクロ2値</translation>
    </message>
    <message>
        <source>TIFF · 8-bit greyscale</source>
        <translation>TIFF · 8ビット グレースケール</translation>
    </message>
    <message>
        <source>PNG · 8-bit greyscale</source>
        <translation>PNG · 8ビット グレースケール</translation>
    </message>
    <message>
        <source>PNG · colour</source>
        <translation>PNG · カラー</translation>
    </message>
    <message>
        <source>JPEG · colour</source>
        <translation>JPEG · カラー</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>ファイルを置き換えますか？</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; already exists in {folder}. Replace it?</source>
        <translation>「{name}」は {folder} にすでにあります。置き換えますか？</translation>
    </message>
    <message>
        <source>Export Page</source>
        <translation>ページを書き出し</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>{dpi} dpi</source>
        <translation>{dpi} dpi</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解像度</translation>
    </message>
    <message>
        <source>Embed the generation recipe in the file</source>
        <translation>生成レシピをファイルに埋め込む</translation>
    </message>
    <message>
        <source>Write a JSON sidecar (for editors and contests)</source>
        <translation>JSON サイドカーを書き出す（編集者・コンテスト向け）</translation>
    </message>
    <message>
        <source>Only results from the history have a recipe</source>
        <translation>レシピがあるのは履歴の生成結果だけです</translation>
    </message>
    <message>
        <source>Model, prompt, seed and date, as AI disclosure; never your API key</source>
        <translation>AI 利用の開示として、モデル・プロンプト・シード・日付を記録します（APIキーは含みません）</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>AI 開示</translation>
    </message>
    <message>
        <source>with bleed</source>
        <translation>裁ち落としあり</translation>
    </message>
    <message>
        <source>trim</source>
        <translation>仕上がり</translation>
    </message>
    <message>
        <source>{name}, {box} {size} → {width} × {height} px at {dpi} dpi</source>
        <translation>{name}、{box} {size} → {width} × {height} px（{dpi} dpi）</translation>
    </message>
    <message>
        <source>This format exports the page in {mode}.</source>
        <translation>この形式ではページを{mode}で書き出します。</translation>
    </message>
    <message>
        <source>black and white</source>
        <translation>モノクロ2値</translation>
    </message>
    <message>
        <source>greyscale</source>
        <translation>グレースケール</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>カラー</translation>
    </message>
</context>
<context>
    <name>FinishExport</name>
    <message>
        <source>Finish &amp;&amp; Export</source>
        <translation>仕上げ・書き出し</translation>
    </message>
</context>
<context>
    <name>FinishPanel</name>
    <message>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Black and white</source>
        <translation>モノクロ2値</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>プリフライト</translation>
    </message>
    <message>
        <source>Export Page…</source>
        <translation>ページを書き出し…</translation>
    </message>
    <message>
        <source>Chapter PDF…</source>
        <translation>話のPDF…</translation>
    </message>
    <message>
        <source>{name}: {width} × {height} px, about {dpi:.0f} dpi on this page.</source>
        <translation>{name}：{width} × {height} px、このページでは約 {dpi:.0f} dpi。</translation>
    </message>
    <message>
        <source>Opening the image…</source>
        <translation>画像を開いています…</translation>
    </message>
    <message>
        <source>Open pencils or pick a result in History to set it on a page.</source>
        <translation>下書きを開くか、履歴から生成結果を選ぶとページに配置できます。</translation>
    </message>
    <message>
        <source>Preflight runs when a page is set up.</source>
        <translation>ページを設定するとプリフライトを実行します。</translation>
    </message>
    <message>
        <source>There is nothing on the canvas to put on a page.</source>
        <translation>キャンバスにページへ配置するものがありません。</translation>
    </message>
    <message>
        <source>Align to pencils needs a result made from pencils; this has none.</source>
        <translation>下書きへの位置合わせには下書きから生成した結果が必要です。この項目には下書きがありません。</translation>
    </message>
</context>
<context>
    <name>FinishingSection</name>
    <message>
        <source>Pixels darker than this become black, the rest white</source>
        <translation>これより暗いピクセルは黒、それ以外は白になります</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Pick the level that best separates ink from paper (Otsu)</source>
        <translation>インクと紙を最もよく分けるレベルを選びます（大津の方法）</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Remove dots (and fill pinholes) smaller than this many pixels, at print size</source>
        <translation>印刷サイズでこのピクセル数より小さい点を除去（穴も埋めます）</translation>
    </message>
    <message>
        <source>Despeckle</source>
        <translation>ゴミ取り</translation>
    </message>
    <message>
        <source>Round off jagged line edges before the threshold</source>
        <translation>2値化の前に線のギザギザをなめらかにします</translation>
    </message>
    <message>
        <source>Smooth lines</source>
        <translation>線をなめらかに</translation>
    </message>
    <message>
        <source>Show the finished page on the canvas</source>
        <translation>仕上がったページをキャンバスに表示</translation>
    </message>
    <message>
        <source>Highlight grey that the threshold removes</source>
        <translation>2値化で消えるグレーを強調表示</translation>
    </message>
    <message>
        <source>Colour pages are exported as they are.</source>
        <translation>カラーページはそのまま書き出します。</translation>
    </message>
    <message>
        <source>Greyscale keeps every grey; despeckle still cleans dots.</source>
        <translation>グレースケールはグレーをすべて残します。ゴミ取りは有効です。</translation>
    </message>
    <message>
        <source>Automatic Threshold</source>
        <translation>しきい値を自動設定</translation>
    </message>
    <message>
        <source>Smooth Lines</source>
        <translation>線をなめらかに</translation>
    </message>
</context>
<context>
    <name>GenerationController</name>
    <message>
        <source>pasted image</source>
        <translation>貼り付けた画像</translation>
    </message>
    <message>
        <source>Still connecting to the API; try again in a moment.</source>
        <translation>API に接続中です。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source> Nothing was sent.</source>
        <translation>何も送信していません。</translation>
    </message>
    <message>
        <source>Preparing the input image…</source>
        <translation>入力画像を準備しています…</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>何も送信していません。</translation>
    </message>
    <message>
        <source> The job is kept: use Resume in History (or restart) to fetch it.</source>
        <translation> ジョブは保持されています。履歴の「再開」（または再起動）で結果を取得できます。</translation>
    </message>
    <message>
        <source>The input image could not be used.</source>
        <translation>入力画像を使用できませんでした。</translation>
    </message>
</context>
<context>
    <name>HistoryActions</name>
    <message>
        <source>Show on canvas</source>
        <translation>キャンバスに表示</translation>
    </message>
    <message>
        <source>Use as input</source>
        <translation>入力画像にする</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>設定を再利用</translation>
    </message>
    <message>
        <source>Reuse seed</source>
        <translation>シードを再利用</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>プロンプトをコピー</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>保存先フォルダーを開く</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>スターを付ける</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不採用にする</translation>
    </message>
    <message>
        <source>Compare the two…</source>
        <translation>2つを比較…</translation>
    </message>
    <message>
        <source>Move to the current page</source>
        <translation>現在のページに移動</translation>
    </message>
    <message>
        <source>Resume (fetch the result)</source>
        <translation>再開（結果を取得）</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>ジョブをキャンセル</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Restore from the Trash</source>
        <translation>ゴミ箱から戻す</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>完全に削除…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Remove star</source>
        <translation>スターを外す</translation>
    </message>
    <message>
        <source>Un-reject</source>
        <translation>不採用を解除</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Prompt copied.</source>
        <translation>プロンプトをコピーしました。</translation>
    </message>
</context>
<context>
    <name>HistoryDelegate</name>
    <message>
        <source>Queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>送信中…</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未送信</translation>
    </message>
    <message>
        <source>  · rejected</source>
        <translation>  · 不採用</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（プロンプトなし）</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>シード {seed}</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>すべてキャンセル</translation>
    </message>
    <message>
        <source>spent: {credits}</source>
        <translation>利用：{credits}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>The Trash: entries stay here 30 days, then are deleted for good.</source>
        <translation>ゴミ箱：項目は30日間保管され、その後完全に削除されます。</translation>
    </message>
    <message>
        <source>Empty Trash…</source>
        <translation>ゴミ箱を空にする…</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 件</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <source>1 running</source>
        <translation>1 件実行中</translation>
    </message>
    <message>
        <source>{n} running</source>
        <translation>{n} 件実行中</translation>
    </message>
    <message>
        <source>The Trash is empty.</source>
        <translation>ゴミ箱は空です。</translation>
    </message>
    <message>
        <source>Nothing matches these filters.</source>
        <translation>条件に一致する項目はありません。</translation>
    </message>
    <message>
        <source>Your generations appear here.
Every result is kept on this computer.</source>
        <translation>生成した画像はここに表示されます。
すべての結果はこのパソコンに保存されます。</translation>
    </message>
</context>
<context>
    <name>HistoryEditsController</name>
    <message>
        <source>Running jobs can&apos;t be deleted; cancel them first.</source>
        <translation>実行中のジョブは削除できません。先にキャンセルしてください。</translation>
    </message>
    <message>
        <source>Moved 1 entry to the Trash.</source>
        <translation>1 件をゴミ箱に移動しました。</translation>
    </message>
    <message>
        <source>Moved {n} entries to the Trash.</source>
        <translation>{n} 件をゴミ箱に移動しました。</translation>
    </message>
    <message>
        <source>Deleted 1 entry for good</source>
        <translation>1 件を完全に削除しました</translation>
    </message>
    <message>
        <source>Deleted {n} entries for good</source>
        <translation>{n} 件を完全に削除しました</translation>
    </message>
    <message>
        <source> (freed {size:.1f} MB).</source>
        <translation>（{size:.1f} MB を解放）。</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>ゴミ箱に移動</translation>
    </message>
</context>
<context>
    <name>HistoryFilterBar</name>
    <message>
        <source>Search prompts…</source>
        <translation>プロンプトを検索…</translation>
    </message>
    <message>
        <source>List</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>グリッド</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>ツリー</translation>
    </message>
    <message>
        <source>Every entry, newest first</source>
        <translation>すべての項目を新しい順に</translation>
    </message>
    <message>
        <source>Thumbnails only</source>
        <translation>サムネイルのみ</translation>
    </message>
    <message>
        <source>What came from what: each result under the one it was made from</source>
        <translation>派生関係：各結果を生成元の下に表示</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>すべてのモデル</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>In progress or paused</source>
        <translation>実行中・一時停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>すべての期間</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去7日間</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去30日間</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>★ Starred</source>
        <translation>★ スター付き</translation>
    </message>
    <message>
        <source>Starred entries only</source>
        <translation>スター付きの項目のみ</translation>
    </message>
    <message>
        <source>Hide rejected</source>
        <translation>不採用を隠す</translation>
    </message>
    <message>
        <source>Leave out entries you rejected</source>
        <translation>不採用にした項目を除外</translation>
    </message>
    <message>
        <source>This page</source>
        <translation>このページ</translation>
    </message>
    <message>
        <source>Only entries of the current project page</source>
        <translation>現在のプロジェクトページの項目のみ</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>ゴミ箱</translation>
    </message>
    <message>
        <source>Deleted entries: restore them or delete them for good</source>
        <translation>削除した項目：元に戻すか完全に削除できます</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Seed {seed}</source>
        <translation>シード {seed}</translation>
    </message>
    <message>
        <source>1 reference image</source>
        <translation>参照画像 1 枚</translation>
    </message>
    <message>
        <source>{n} reference images</source>
        <translation>参照画像 {n} 枚</translation>
    </message>
    <message>
        <source>Scan cleaned up before sending</source>
        <translation>送信前にスキャンをクリーンアップ済み</translation>
    </message>
</context>
<context>
    <name>HistoryWiring</name>
    <message>
        <source>Settings restored from that entry.</source>
        <translation>その項目の設定を復元しました。</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>完全に削除</translation>
    </message>
    <message>
        <source>Delete {count} entries and their images for good? This can&apos;t be undone.</source>
        <translation>{count} 件の項目とその画像を完全に削除しますか？ この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete this entry and its images for good? This can&apos;t be undone.</source>
        <translation>この項目とその画像を完全に削除しますか？ この操作は元に戻せません。</translation>
    </message>
</context>
<context>
    <name>InteractionMixin</name>
    <message>
        <source>No images were found in what you dropped. FluxDesk opens PNG, JPEG, TIFF, WebP and BMP files, or a folder of them.</source>
        <translation>ドロップしたものに画像が見つかりませんでした。FluxDesk で開けるのは PNG・JPEG・TIFF・WebP・BMP ファイル、またはそれらのフォルダーです。</translation>
    </message>
</context>
<context>
    <name>JobRow</name>
    <message>
        <source>Panels composed</source>
        <translation>コマを合成</translation>
    </message>
    <message>
        <source>Panel {n} of {count}</source>
        <translation>コマ {n}/{count}</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>The job stopped without a result.</source>
        <translation>ジョブが結果なしで終了しました。</translation>
    </message>
</context>
<context>
    <name>LedgerDialog</name>
    <message>
        <source>{price} per image</source>
        <translation>1枚あたり {price}</translation>
    </message>
    <message>
        <source>{first} credits for the first megapixel out, {extra} for each further megapixel out and per megapixel of every input image</source>
        <translation>出力の最初の1メガピクセルに {first} クレジット、以降の出力と入力画像の1メガピクセルごとに {extra} クレジット</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>利用状況</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>残高</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>今月</translation>
    </message>
    <message>
        <source>Budget left</source>
        <translation>予算の残り</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Estimated</source>
        <translation>見積もり</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>請求額</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>返金</translation>
    </message>
    <message>
        <source>Bars: charged (refunds taken off). Ticks: FluxDesk&apos;s estimate.</source>
        <translation>棒：請求額（返金分を差し引き）。目盛り：FluxDesk の見積もり。</translation>
    </message>
    <message>
        <source>By day</source>
        <translation>日別</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>予算なし</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>確認しない</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>予算</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>月の予算</translation>
    </message>
    <message>
        <source>Ask before a run costing more than</source>
        <translation>次の額を超える実行の前に確認</translation>
    </message>
    <message>
        <source>FluxDesk asks before sending a run above the threshold, or one that would go over this month&apos;s budget. 1 credit = $0.01.</source>
        <translation>しきい値を超える実行や、今月の予算を超える実行の前に確認します。1 クレジット = $0.01。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source> credits</source>
        <translation> クレジット</translation>
    </message>
    <message>
        <source>{n} refunded</source>
        <translation>{n} 件返金</translation>
    </message>
    <message>
        <source>{n} jobs</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <source>By {what}</source>
        <translation>{what}別</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>まだ不明</translation>
    </message>
    <message>
        <source>no monthly budget set</source>
        <translation>月の予算は未設定</translation>
    </message>
    <message>
        <source>of {cap:g} this month</source>
        <translation>（今月の予算 {cap:g}）</translation>
    </message>
</context>
<context>
    <name>LineageModel</name>
    <message>
        <source>From the step before:</source>
        <translation>前のステップからの変更：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Another FluxDesk window is open on this history. Both can work safely; press F5 here to see entries made there.</source>
        <translation>この履歴を別の FluxDesk ウィンドウでも開いています。どちらでも安全に作業できます。あちらで作った項目を見るにはここで F5 を押してください。</translation>
    </message>
    <message>
        <source>FluxDesk</source>
        <translation>FluxDesk</translation>
    </message>
    <message>
        <source>The history at {path} could not be opened ({reason}). Nothing was changed. If another FluxDesk is starting, wait a moment and try again; a history made by a newer FluxDesk needs that version.</source>
        <translation>履歴 {path} を開けませんでした（{reason}）。何も変更していません。別の FluxDesk が起動中なら、少し待ってからもう一度お試しください。新しい FluxDesk で作られた履歴には、そのバージョンが必要です。</translation>
    </message>
    <message>
        <source>History repaired</source>
        <translation>履歴を修復しました</translation>
    </message>
    <message>
        <source>The history database could not be read. It was kept as {name} and a new one was started; your images are still in {folder}.</source>
        <translation>履歴データベースを読み込めませんでした。{name} として保管し、新しい履歴を作成しました。画像は {folder} に残っています。</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.webp *.bmp *.psd);;All files (*)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.tif *.tiff *.webp *.bmp *.psd);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>Open pencils</source>
        <translation>下書きを開く</translation>
    </message>
    <message>
        <source>Started 1 job.</source>
        <translation>1 件のジョブを開始しました。</translation>
    </message>
    <message>
        <source>Started {n} jobs.</source>
        <translation>{n} 件のジョブを開始しました。</translation>
    </message>
    <message>
        <source>About FluxDesk</source>
        <translation>FluxDesk について</translation>
    </message>
    <message>
        <source>&lt;b&gt;FluxDesk {version}&lt;/b&gt;&lt;br&gt;A studio for comic and manga artists on the Black Forest Labs FLUX API. Everything you make stays on this computer.</source>
        <translation>&lt;b&gt;FluxDesk {version}&lt;/b&gt;&lt;br&gt;Black Forest Labs の FLUX API を使う、漫画家・コミック作家のためのスタジオ。作ったものはすべてこのパソコンに保存されます。</translation>
    </message>
    <message>
        <source>Jobs are still running</source>
        <translation>ジョブを実行中です</translation>
    </message>
    <message>
        <source>1 job is still running. Jobs already sent are paid for: FluxDesk keeps them and fetches their results the next time it starts (while BFL keeps them, about 10 minutes). Quit now?</source>
        <translation>1 件のジョブを実行中です。送信済みのジョブは課金済みです。FluxDesk はジョブを保持し、次回の起動時に結果を取得します（BFL が保管する約10分以内）。今すぐ終了しますか？</translation>
    </message>
    <message>
        <source>{n} jobs are still running. Jobs already sent are paid for: FluxDesk keeps them and fetches their results the next time it starts (while BFL keeps them, about 10 minutes). Quit now?</source>
        <translation>{n} 件のジョブを実行中です。送信済みのジョブは課金済みです。FluxDesk はジョブを保持し、次回の起動時に結果を取得します（BFL が保管する約10分以内）。今すぐ終了しますか？</translation>
    </message>
</context>
<context>
    <name>MaskLayer</name>
    <message>
        <source>Invert mask</source>
        <translation>マスクを反転</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>描画</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
</context>
<context>
    <name>MaskOptions</name>
    <message>
        <source>Paint</source>
        <translation>描画</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Erase (X swaps)</source>
        <translation>消去（X で切り替え）</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation>ソフト</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>ハード</translation>
    </message>
    <message>
        <source>Brush size ([ smaller, ] bigger)</source>
        <translation>ブラシサイズ（[ 小さく、] 大きく）</translation>
    </message>
    <message>
        <source>Brush diameter in page pixels</source>
        <translation>ブラシの直径（ページのピクセル単位）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>Undo stroke (Ctrl+Z)</source>
        <translation>ストロークを取り消し（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Redo stroke (Ctrl+Shift+Z)</source>
        <translation>ストロークをやり直し（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反転</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Clear the mask</source>
        <translation>マスクをクリア</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Edit &amp; ink an image</source>
        <translation>画像の編集・ペン入れ</translation>
    </message>
    <message>
        <source>FLUX.2: generate &amp; edit, references</source>
        <translation>FLUX.2：生成・編集、参照画像</translation>
    </message>
    <message>
        <source>Text to image</source>
        <translation>テキストから画像</translation>
    </message>
    <message>
        <source>Repaint part of a page</source>
        <translation>ページの一部を描き直し</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Generate &amp; edit</source>
        <translation>生成・編集</translation>
    </message>
    <message>
        <source>Text to image, 4 MP</source>
        <translation>テキストから画像、4 MP</translation>
    </message>
    <message>
        <source>Inpaint</source>
        <translation>インペイント</translation>
    </message>
    <message>
        <source>Outpaint</source>
        <translation>アウトペイント</translation>
    </message>
    <message>
        <source>fal.ai — the same models, billed by fal</source>
        <translation>fal.ai — 同じモデル、fal で課金</translation>
    </message>
    <message>
        <source>ComfyUI — workflows on your server</source>
        <translation>ComfyUI — 自分のサーバーのワークフロー</translation>
    </message>
    <message>
        <source>Runs on your server: no charge per image</source>
        <translation>自分のサーバーで実行：1枚ごとの料金なし</translation>
    </message>
    <message>
        <source>{price} per image</source>
        <translation>1枚あたり {price}</translation>
    </message>
    <message>
        <source>from {price} per image (per megapixel)</source>
        <translation>1枚 {price} から（メガピクセル単位）</translation>
    </message>
</context>
<context>
    <name>NavigateOptions</name>
    <message>
        <source>Drag or Space+drag to pan, wheel to zoom. Pick a tool to mark a part.</source>
        <translation>ドラッグまたは Space+ドラッグで移動、ホイールで拡大縮小。ツールを選ぶと範囲を指定できます。</translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <source>Consecutive: each page gets the next seeds</source>
        <translation>連番：ページごとに次のシードを使う</translation>
    </message>
    <message>
        <source>Fixed: the same seed on every page</source>
        <translation>固定：全ページで同じシード</translation>
    </message>
    <message>
        <source>Random: a new seed for each page</source>
        <translation>ランダム：ページごとに新しいシード</translation>
    </message>
    <message>
        <source>New Chapter Batch</source>
        <translation>新しい話の一括処理</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>ファイルを追加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>外す</translation>
    </message>
    <message>
        <source>Random start</source>
        <translation>ランダムに開始</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>一括処理</translation>
    </message>
    <message>
        <source>e.g. Chapter 3</source>
        <translation>例：第3話</translation>
    </message>
    <message>
        <source>Estimate Cost…</source>
        <translation>料金を見積もる…</translation>
    </message>
    <message>
        <source>The prompt panel as it is ({model})</source>
        <translation>プロンプトパネルの現在の設定（{model}）</translation>
    </message>
    <message>
        <source>Pages, in order</source>
        <translation>ページ（この順に処理）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>プリセット：</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>プロンプト：</translation>
    </message>
    <message>
        <source>Results per page:</source>
        <translation>1 ページあたりの枚数：</translation>
    </message>
    <message>
        <source>Seeds:</source>
        <translation>シード：</translation>
    </message>
    <message>
        <source>First seed:</source>
        <translation>最初のシード：</translation>
    </message>
    <message>
        <source>Chapter in History</source>
        <translation>履歴での作品・話</translation>
    </message>
    <message>
        <source>Book:</source>
        <translation>作品：</translation>
    </message>
    <message>
        <source>Chapter:</source>
        <translation>話：</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 ページ</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} ページ</translation>
    </message>
    <message>
        <source>Folder of pages</source>
        <translation>ページのフォルダー</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>画像 ({patterns})</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（プロンプトなし）</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>話</translation>
    </message>
</context>
<context>
    <name>NewPageDialog</name>
    <message>
        <source>New Page</source>
        <translation>新規ページ</translation>
    </message>
    <message>
        <source>My Book</source>
        <translation>マイブック</translation>
    </message>
    <message>
        <source>Chapter 1</source>
        <translation>第1話</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>{n} ページ</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>話</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>PageGuidesOverlay</name>
    <message>
        <source>Trim</source>
        <translation>仕上がり線</translation>
    </message>
    <message>
        <source>Bleed</source>
        <translation>裁ち落とし</translation>
    </message>
    <message>
        <source>Safe area</source>
        <translation>安全線</translation>
    </message>
</context>
<context>
    <name>PageSection</name>
    <message>
        <source>Custom size…</source>
        <translation>カスタムサイズ…</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>Dots per inch: 600 for line art, 350 for colour</source>
        <translation>1インチあたりのドット数：線画は 600、カラーは 350</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解像度</translation>
    </message>
    <message>
        <source>B/W</source>
        <translation>モノクロ</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>グレー</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>カラー</translation>
    </message>
    <message>
        <source>B/W: true 1-bit line art, no grey. Grey: 8-bit greys kept. Colour: as it is.</source>
        <translation>モノクロ：グレーのない1ビットの線画。グレー：8ビットのグレーを保持。カラー：そのまま。</translation>
    </message>
    <message>
        <source>Bleed: {size} on each side</source>
        <translation>裁ち落とし：各辺 {size}</translation>
    </message>
    <message>
        <source>{size} · {width} × {height} px ({mp:.1f} MP)</source>
        <translation>{size} · {width} × {height} px（{mp:.1f} MP）</translation>
    </message>
    <message>
        <source>Custom Page Size</source>
        <translation>カスタムページサイズ</translation>
    </message>
    <message>
        <source>Page {name}</source>
        <translation>ページ {name}</translation>
    </message>
    <message>
        <source>That size doesn&apos;t work: {reason}.</source>
        <translation>そのサイズは使えません：{reason}。</translation>
    </message>
    <message>
        <source>Bleed On</source>
        <translation>裁ち落としあり</translation>
    </message>
    <message>
        <source>Bleed Off</source>
        <translation>裁ち落としなし</translation>
    </message>
    <message>
        <source>{dpi} dpi</source>
        <translation>{dpi} dpi</translation>
    </message>
    <message>
        <source>Black and White</source>
        <translation>モノクロ2値</translation>
    </message>
    <message>
        <source>Greyscale</source>
        <translation>グレースケール</translation>
    </message>
</context>
<context>
    <name>PanelOptions</name>
    <message>
        <source>Detect</source>
        <translation>検出</translation>
    </message>
    <message>
        <source>Find the panels on this page (Ctrl+Shift+D); replaces the ones shown</source>
        <translation>このページのコマを検出します（Ctrl+Shift+D）。表示中のコマは置き換えられます</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Click to select (Shift adds, Ctrl toggles); drag corners, edges or a selected panel to move them</source>
        <translation>クリックで選択（Shift で追加、Ctrl で切り替え）。角・辺・選択したコマをドラッグして動かします</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Drag a line across a panel to cut it in two</source>
        <translation>コマを横切る線をドラッグして2つに分けます</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>描画</translation>
    </message>
    <message>
        <source>Click the corners of a new panel (Enter or the first corner closes it), or drag a rectangle</source>
        <translation>新しいコマの角を順にクリックします（Enter か最初の角で閉じます）。長方形をドラッグしても作れます</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>結合</translation>
    </message>
    <message>
        <source>Join the selected panels (Ctrl+G)</source>
        <translation>選択したコマを結合します（Ctrl+G）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected panels (Del)</source>
        <translation>選択したコマを削除します（Del）</translation>
    </message>
    <message>
        <source>Run all</source>
        <translation>すべて実行</translation>
    </message>
    <message>
        <source>Send every panel on its own, with the prompt and model of the prompt panel, and compose the page (Ctrl+Shift+Enter)</source>
        <translation>プロンプトパネルのプロンプトとモデルで各コマを個別に送信し、ページに合成します（Ctrl+Shift+Enter）</translation>
    </message>
    <message>
        <source>Redo panel</source>
        <translation>コマを再生成</translation>
    </message>
    <message>
        <source>Send the selected panels again (Ctrl+Shift+R) and paste them into the composed page on screen: redo a panel, leave the others as they are</source>
        <translation>選択したコマをもう一度送信し（Ctrl+Shift+R）、表示中の合成ページに貼り込みます。他のコマはそのままです</translation>
    </message>
    <message>
        <source>Right to left</source>
        <translation>右から左</translation>
    </message>
    <message>
        <source>Left to right</source>
        <translation>左から右</translation>
    </message>
    <message>
        <source>Manga: panels are numbered from the top right. Click for comics.</source>
        <translation>マンガ：コマは右上から番号を振ります。クリックでアメコミ式に切り替えます。</translation>
    </message>
    <message>
        <source>Comics: panels are numbered from the top left. Click for manga.</source>
        <translation>アメコミ：コマは左上から番号を振ります。クリックでマンガ式に切り替えます。</translation>
    </message>
    <message>
        <source>Detecting…</source>
        <translation>検出中…</translation>
    </message>
    <message>
        <source>No panels yet</source>
        <translation>コマはまだありません</translation>
    </message>
    <message>
        <source>1 panel</source>
        <translation>1 コマ</translation>
    </message>
    <message>
        <source>{n} panels</source>
        <translation>{n} コマ</translation>
    </message>
    <message>
        <source>, {n} selected</source>
        <translation>、{n} 選択中</translation>
    </message>
</context>
<context>
    <name>PanelRunController</name>
    <message>
        <source>Open a page and find its panels first.</source>
        <translation>先にページを開いて、コマを検出してください。</translation>
    </message>
    <message>
        <source>Select the panels to run (click them with the Panels tool).</source>
        <translation>実行するコマを選択してください（コマツールでクリック）。</translation>
    </message>
    <message>
        <source>This page has no panels yet: Detect them, or draw them.</source>
        <translation>このページにはまだコマがありません。検出するか、描いてください。</translation>
    </message>
    <message>
        <source>Preparing the panels…</source>
        <translation>コマを準備しています…</translation>
    </message>
    <message>
        <source>Pick an edit model (FLUX.1 Kontext or FLUX.2 on BFL) to run on panels: it redraws each panel from its pencils.</source>
        <translation>コマで実行するには編集モデル（BFL の FLUX.1 Kontext または FLUX.2）を選んでください。各コマを下書きから描き直します。</translation>
    </message>
    <message>
        <source>Sent 1 panel; the page is composed when it is back.</source>
        <translation>1 コマを送信しました。戻りしだいページを合成します。</translation>
    </message>
    <message>
        <source>Sent {n} panels; the page is composed when they are all back.</source>
        <translation>{n} コマを送信しました。すべて戻りしだいページを合成します。</translation>
    </message>
    <message>
        <source>No panel came back, so the page was not composed.</source>
        <translation>コマが1つも戻らなかったため、ページは合成していません。</translation>
    </message>
    <message>
        <source>Composing the page…</source>
        <translation>ページを合成しています…</translation>
    </message>
    <message>
        <source>The composed page was saved but could not be read back.</source>
        <translation>合成したページは保存しましたが、読み戻せませんでした。</translation>
    </message>
    <message>
        <source>1 panel</source>
        <translation>1 コマ</translation>
    </message>
    <message>
        <source>{n} panels</source>
        <translation>{n} コマ</translation>
    </message>
    <message>
        <source>Composed {panels} onto the page in {s:.1f} s.</source>
        <translation>{panels}をページに合成しました（{s:.1f} 秒）。</translation>
    </message>
    <message>
        <source>1 panel did not come back: select it and Redo panel.</source>
        <translation>1 コマが戻りませんでした。選択して「コマを再生成」を押してください。</translation>
    </message>
    <message>
        <source>{n} panels did not come back: select them and Redo panel.</source>
        <translation>{n} コマが戻りませんでした。選択して「コマを再生成」を押してください。</translation>
    </message>
</context>
<context>
    <name>PanelsController</name>
    <message>
        <source>Open a page first: its panels are found on the pencils.</source>
        <translation>先にページを開いてください。コマは下書きから検出します。</translation>
    </message>
    <message>
        <source>Finding the panels…</source>
        <translation>コマを検出しています…</translation>
    </message>
    <message>
        <source>Detect panels</source>
        <translation>コマを検出</translation>
    </message>
    <message>
        <source>1 panel</source>
        <translation>1 コマ</translation>
    </message>
    <message>
        <source>{n} panels</source>
        <translation>{n} コマ</translation>
    </message>
    <message>
        <source>Found {count} in {s:.2f} s. Fix them with the Panels tool (P).</source>
        <translation>{count}を検出しました（{s:.2f} 秒）。コマツール（P）で修正できます。</translation>
    </message>
    <message>
        <source>No panels found on this page. Draw them with the Panels tool (P).</source>
        <translation>このページにコマが見つかりませんでした。コマツール（P）で描いてください。</translation>
    </message>
</context>
<context>
    <name>PanelsFeature</name>
    <message>
        <source>Right to Left (Manga)</source>
        <translation>右から左（マンガ）</translation>
    </message>
    <message>
        <source>Left to Right (Comics)</source>
        <translation>左から右（アメコミ）</translation>
    </message>
    <message>
        <source>&amp;Detect Panels</source>
        <translation>コマを検出(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Merge Selected Panels</source>
        <translation>選択したコマを結合(&amp;M)</translation>
    </message>
    <message>
        <source>De&amp;lete Selected Panels</source>
        <translation>選択したコマを削除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Run on All Panels</source>
        <translation>すべてのコマで実行(&amp;R)</translation>
    </message>
    <message>
        <source>R&amp;edo Selected Panels</source>
        <translation>選択したコマを再生成(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>コマ(&amp;P)</translation>
    </message>
    <message>
        <source>Reading &amp;Order</source>
        <translation>読み順(&amp;O)</translation>
    </message>
    <message>
        <source>Merge panels</source>
        <translation>コマを結合</translation>
    </message>
</context>
<context>
    <name>PanelsState</name>
    <message>
        <source>Reading order</source>
        <translation>読み順</translation>
    </message>
</context>
<context>
    <name>PanelsTool</name>
    <message>
        <source>Delete panel</source>
        <translation>コマを削除</translation>
    </message>
    <message>
        <source>Delete panels</source>
        <translation>コマを削除</translation>
    </message>
    <message>
        <source>Move corner</source>
        <translation>角を移動</translation>
    </message>
    <message>
        <source>Move edge</source>
        <translation>辺を移動</translation>
    </message>
    <message>
        <source>Move panel</source>
        <translation>コマを移動</translation>
    </message>
    <message>
        <source>Draw the line across the panel to split.</source>
        <translation>分割するには、コマを横切る線を引いてください。</translation>
    </message>
    <message>
        <source>Split panel</source>
        <translation>コマを分割</translation>
    </message>
    <message>
        <source>Draw panel</source>
        <translation>コマを描画</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Match input</source>
        <translation>入力に合わせる</translation>
    </message>
    <message>
        <source>1:1.414  B/A page</source>
        <translation>1:1.414  B/A 判</translation>
    </message>
    <message>
        <source>PNG  (lossless)</source>
        <translation>PNG  （可逆圧縮）</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>w:h, e.g. 3:4</source>
        <translation>幅:高さ（例 3:4）</translation>
    </message>
    <message>
        <source>match input</source>
        <translation>入力に合わせる</translation>
    </message>
    <message>
        <source>on</source>
        <translation>オン</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Default: {value}</source>
        <translation>既定値：{value}</translation>
    </message>
    <message>
        <source>Reset {name} to the default ({value})</source>
        <translation>{name}を既定値（{value}）に戻す</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>詳細設定</translation>
    </message>
    <message>
        <source>{count} changed</source>
        <translation>{count} 件変更</translation>
    </message>
</context>
<context>
    <name>PlacementSection</name>
    <message>
        <source>Top left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>上</translation>
    </message>
    <message>
        <source>Top right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左</translation>
    </message>
    <message>
        <source>Center</source>
        <translation>中央</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右</translation>
    </message>
    <message>
        <source>Bottom left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>下</translation>
    </message>
    <message>
        <source>Bottom right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>Moved {dx}, {dy} px · scale {scale} · {match} match</source>
        <translation>移動 {dx}, {dy} px · 倍率 {scale} · 一致度 {match}</translation>
    </message>
    <message>
        <source>Over its pencils</source>
        <translation>下書きに重ねる</translation>
    </message>
    <message>
        <source>Fit inside the trim</source>
        <translation>仕上がり線の内側に収める</translation>
    </message>
    <message>
        <source>Fill the trim</source>
        <translation>仕上がり線いっぱいに</translation>
    </message>
    <message>
        <source>Fit inside the bleed</source>
        <translation>裁ち落としの内側に収める</translation>
    </message>
    <message>
        <source>Fill the bleed</source>
        <translation>裁ち落としいっぱいに</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Anchor</source>
        <translation>基準位置</translation>
    </message>
    <message>
        <source>Align to Pencils</source>
        <translation>下書きに位置合わせ</translation>
    </message>
    <message>
        <source>Measure how far the model moved or scaled the drawing, and correct it</source>
        <translation>モデルによる絵のずれや拡大縮小を測って補正します</translation>
    </message>
    <message>
        <source>No pencils behind this image: it is fitted to the trim.</source>
        <translation>この画像には下書きがないため、仕上がり線に合わせます。</translation>
    </message>
    <message>
        <source>Registered: same frame as the pencils, no crop or shift.</source>
        <translation>位置合わせ済み：下書きと同じ枠で、切り抜きやずれはありません。</translation>
    </message>
    <message>
        <source>Aligning…</source>
        <translation>位置合わせ中…</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Placement Anchor</source>
        <translation>配置の基準位置</translation>
    </message>
</context>
<context>
    <name>PreflightList</name>
    <message>
        <source>Preflight runs when a page is set up.</source>
        <translation>ページを設定するとプリフライトを実行します。</translation>
    </message>
    <message>
        <source>Checking the page…</source>
        <translation>ページをチェックしています…</translation>
    </message>
    <message>
        <source>Preflight failed: {message}</source>
        <translation>プリフライトに失敗しました：{message}</translation>
    </message>
    <message>
        <source>Ready to print at {dpi} dpi: nothing to fix.</source>
        <translation>{dpi} dpi で入稿できます。修正点はありません。</translation>
    </message>
    <message>
        <source>Preflight: no problems</source>
        <translation>プリフライト：問題なし</translation>
    </message>
    <message>
        <source>Click to show it on the canvas</source>
        <translation>クリックでキャンバスに表示</translation>
    </message>
    <message>
        <source>{n} to fix</source>
        <translation>要修正 {n} 件</translation>
    </message>
    <message>
        <source>{n} to check</source>
        <translation>要確認 {n} 件</translation>
    </message>
    <message>
        <source>Preflight: </source>
        <translation>プリフライト：</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>件の注意</translation>
    </message>
</context>
<context>
    <name>PresetBar</name>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Create, change, import and export presets</source>
        <translation>プリセットの作成・変更・読み込み・書き出し</translation>
    </message>
    <message>
        <source>You edited the prompt, so these fields no longer fill it.</source>
        <translation>プロンプトを編集したため、これらの欄はプロンプトに反映されなくなりました。</translation>
    </message>
    <message>
        <source>Reapply</source>
        <translation>再適用</translation>
    </message>
    <message>
        <source>Replace the prompt with the preset&apos;s, filled in</source>
        <translation>プロンプトを、欄の内容を入れたプリセットのものに置き換えます</translation>
    </message>
    <message>
        <source>Task preset</source>
        <translation>タスクプリセット</translation>
    </message>
    <message>
        <source>No preset: write your own</source>
        <translation>プリセットなし：自分で書く</translation>
    </message>
    <message>
        <source>Built in</source>
        <translation>内蔵</translation>
    </message>
    <message>
        <source>My presets</source>
        <translation>マイプリセット</translation>
    </message>
    <message>
        <source>Fill this in</source>
        <translation>入力してください</translation>
    </message>
    <message>
        <source>Fills {{{name}}} in the preset&apos;s prompt</source>
        <translation>プリセットのプロンプトの {{{name}}} に入ります</translation>
    </message>
</context>
<context>
    <name>PresetController</name>
    <message>
        <source>Exported 1 preset</source>
        <translation>1 件のプリセットを書き出しました</translation>
    </message>
    <message>
        <source>Exported {n} presets</source>
        <translation>{n} 件のプリセットを書き出しました</translation>
    </message>
    <message>
        <source> to {name}.</source>
        <translation>（{name}）。</translation>
    </message>
    <message>
        <source>Preset “{name}” saved.</source>
        <translation>プリセット「{name}」を保存しました。</translation>
    </message>
    <message>
        <source>Preset deleted.</source>
        <translation>プリセットを削除しました。</translation>
    </message>
    <message>
        <source>Imported “{name}”.</source>
        <translation>「{name}」を読み込みました。</translation>
    </message>
    <message>
        <source>Imported {n} presets.</source>
        <translation>{n} 件のプリセットを読み込みました。</translation>
    </message>
    <message>
        <source>1 was already in your library.</source>
        <translation>1 件はすでにライブラリにあります。</translation>
    </message>
    <message>
        <source>{n} were already in your library.</source>
        <translation>{n} 件はすでにライブラリにあります。</translation>
    </message>
    <message>
        <source>Not imported: {problem}.</source>
        <translation>読み込めませんでした：{problem}。</translation>
    </message>
    <message>
        <source>The file holds no presets.</source>
        <translation>このファイルにはプリセットがありません。</translation>
    </message>
    <message>
        <source>A preset file could not be used: {problem}.</source>
        <translation>プリセットファイルを使用できませんでした：{problem}。</translation>
    </message>
    <message>
        <source>{n} preset files could not be used (see Edit presets). First: {problem}.</source>
        <translation>{n} 件のプリセットファイルを使用できませんでした（プリセットの編集を参照）。最初の問題：{problem}。</translation>
    </message>
</context>
<context>
    <name>PresetEditorDialog</name>
    <message>
        <source>FluxDesk presets (*.json);;All files (*)</source>
        <translation>FluxDesk プリセット (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Task presets</source>
        <translation>タスクプリセット</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>読み込み…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>書き出し…</translation>
    </message>
    <message>
        <source>Built-in presets are read-only. Duplicate this one to make it your own.</source>
        <translation>内蔵プリセットは編集できません。複製すると自分のプリセットとして編集できます。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Use in prompt panel</source>
        <translation>プロンプトパネルで使う</translation>
    </message>
    <message>
        <source>Built in (read-only)</source>
        <translation>内蔵（読み取り専用）</translation>
    </message>
    <message>
        <source>My presets</source>
        <translation>マイプリセット</translation>
    </message>
    <message>
        <source>  None yet: New, Duplicate or Import</source>
        <translation>  まだありません：新規・複製・読み込み</translation>
    </message>
    <message>
        <source>Not loaded: {problem}</source>
        <translation>読み込めません：{problem}</translation>
    </message>
    <message>
        <source>Unsaved preset</source>
        <translation>未保存のプリセット</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>「{name}」の変更を保存しますか？</translation>
    </message>
    <message>
        <source>Can&apos;t save the preset</source>
        <translation>プリセットを保存できません</translation>
    </message>
    <message>
        <source>My preset</source>
        <translation>マイプリセット</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>プリセットを削除</translation>
    </message>
    <message>
        <source>Delete “{name}”? Its file is removed.</source>
        <translation>「{name}」を削除しますか？ ファイルも削除されます。</translation>
    </message>
    <message>
        <source>Import presets</source>
        <translation>プリセットを読み込み</translation>
    </message>
    <message>
        <source>Export presets</source>
        <translation>プリセットを書き出し</translation>
    </message>
</context>
<context>
    <name>PresetForm</name>
    <message>
        <source>ink, b/w, print</source>
        <translation>ink, b/w, print</translation>
    </message>
    <message>
        <source>Ink these pencils with {style}; pure black on white, no grey</source>
        <translation>Ink these pencils with {style}; pure black on white, no grey</translation>
    </message>
    <message>
        <source>Placeholder</source>
        <translation>差し込み項目</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>既定</translation>
    </message>
    <message>
        <source>Hint for the field</source>
        <translation>欄のヒント</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>バリエーション</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Prompt template</source>
        <translation>プロンプトのテンプレート</translation>
    </message>
    <message>
        <source>Write {name} for a part to fill in when the preset is used, such as {character} or {style}; each gets a field in the prompt panel.</source>
        <translation>プリセット使用時に入力する部分は {name} のように書きます（例：{character}、{style}）。それぞれプロンプトパネルに入力欄ができます。</translation>
    </message>
    <message>
        <source>Preview: the prompt that will be sent</source>
        <translation>プレビュー：送信されるプロンプト</translation>
    </message>
    <message>
        <source>• No default for {names}: it must be filled in when used.</source>
        <translation>• {names} には既定値がありません。使用時に入力が必要です。</translation>
    </message>
</context>
<context>
    <name>PrintExportController</name>
    <message>
        <source>1-bit</source>
        <translation>1ビット</translation>
    </message>
    <message>
        <source>8-bit grey</source>
        <translation>8ビット グレー</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>カラー</translation>
    </message>
    <message>
        <source>Nothing to export yet: open pencils or pick a result in History.</source>
        <translation>書き出すものがありません。下書きを開くか、履歴から生成結果を選んでください。</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>書き出し先のファイルを選んでください。</translation>
    </message>
    <message>
        <source>Not exported: choose another name.</source>
        <translation>書き出していません。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>selected in History, oldest first</source>
        <translation>履歴で選択中、古い順</translation>
    </message>
    <message>
        <source>every result made since FluxDesk started, oldest first</source>
        <translation>FluxDesk 起動後に作ったすべての結果、古い順</translation>
    </message>
    <message>
        <source>Export Chapter PDF</source>
        <translation>話をPDFで書き出し</translation>
    </message>
    <message>
        <source>There are no results to put in a chapter yet. Select the pages in History (Ctrl+click, in any order: they are exported oldest first) and try again.</source>
        <translation>話にまとめる結果がまだありません。履歴でページを選んで（Ctrl+クリック、順不同。古い順に書き出します）もう一度お試しください。</translation>
    </message>
    <message>
        <source>Exported {name} ({summary}).</source>
        <translation>{name} を書き出しました（{summary}）。</translation>
    </message>
</context>
<context>
    <name>PrintPageController</name>
    <message>
        <source>Align to pencils needs a result made from pencils.</source>
        <translation>下書きへの位置合わせには、下書きから生成した結果が必要です。</translation>
    </message>
    <message>
        <source>The result could not be matched to its pencils; the placement is unchanged.</source>
        <translation>生成結果を下書きに合わせられませんでした。配置は変更していません。</translation>
    </message>
    <message>
        <source>Align to Pencils</source>
        <translation>下書きに位置合わせ</translation>
    </message>
</context>
<context>
    <name>ProjectPicker</name>
    <message>
        <source>The project page new generations belong to</source>
        <translation>新しく生成した画像を入れるプロジェクトページ</translation>
    </message>
    <message>
        <source>No project page</source>
        <translation>プロジェクトページなし</translation>
    </message>
    <message>
        <source>No page (loose entries)</source>
        <translation>ページなし（未分類）</translation>
    </message>
    <message>
        <source>New Page…</source>
        <translation>新規ページ…</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <source>Describe the result, e.g.
Ink these pencils with clean, confident lines; pure black on white, no grey</source>
        <translation>欲しい結果を英語で書きます。例：
Ink these pencils with clean, confident lines; pure black on white, no grey</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Reuse a recent prompt</source>
        <translation>最近のプロンプトを再利用</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Prompts you send appear here</source>
        <translation>送信したプロンプトがここに表示されます</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate {count} variations</source>
        <translation>{count} 枚生成</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>バリエーション</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>{provider} has no model &apos;{model}&apos; connected.</source>
        <translation>{provider} にモデル「{model}」が接続されていません。</translation>
    </message>
    <message>
        <source>Generating is not available right now.</source>
        <translation>現在は生成できません。</translation>
    </message>
    <message>
        <source>Can&apos;t generate yet:</source>
        <translation>まだ生成できません：</translation>
    </message>
    <message>
        <source>{action} for {price}  ({shortcut})</source>
        <translation>{action}：{price}（{shortcut}）</translation>
    </message>
    <message>
        <source>Generating is paused.</source>
        <translation>生成は一時停止中です。</translation>
    </message>
</context>
<context>
    <name>ProviderSettings</name>
    <message>
        <source>{models} models, {loras} LoRAs</source>
        <translation>モデル {models} 件、LoRA {loras} 件</translation>
    </message>
    <message>
        <source>fal.ai key</source>
        <translation>fal.ai キー</translation>
    </message>
    <message>
        <source>Paste your key from fal.ai</source>
        <translation>fal.ai のキーを貼り付け</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>確認して保存</translation>
    </message>
    <message>
        <source>fal.ai sells the same FLUX models (Kontext [pro] and [max], FLUX1.1 [pro], FLUX.1 [dev]) billed in dollars on fal&apos;s own account. The key is kept in your system keychain, or set FAL_KEY.</source>
        <translation>fal.ai では同じ FLUX モデル（Kontext [pro]・[max]、FLUX1.1 [pro]、FLUX.1 [dev]）を fal のアカウントでドル建てで利用できます。キーはシステムのキーチェーンに保存されます（環境変数 FAL_KEY でも設定可）。</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>キーを削除</translation>
    </message>
    <message>
        <source>Demo: fal.ai models run on the built-in emulator until you add a key.</source>
        <translation>デモ：キーを追加するまで、fal.ai のモデルは内蔵エミュレーターで動きます。</translation>
    </message>
    <message>
        <source>ComfyUI server</source>
        <translation>ComfyUI サーバー</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>Only for hosted servers (RunPod and the like)</source>
        <translation>ホスティングのサーバー（RunPod など）のみ</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Import API workflow…</source>
        <translation>API ワークフローを読み込み…</translation>
    </message>
    <message>
        <source>Kontext [dev] inking and FLUX.1 [dev] come ready to use; steps, guidance and LoRA appear in the prompt panel. Export your own workflow from ComfyUI with Workflow &gt; Export (API) and import it here.</source>
        <translation>Kontext [dev] のペン入れと FLUX.1 [dev] はすぐに使えます。ステップ数・ガイダンス・LoRA はプロンプトパネルに表示されます。自作のワークフローは ComfyUI の Workflow &gt; Export (API) で書き出し、ここで読み込んでください。</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未接続です。</translation>
    </message>
    <message>
        <source>Checking the key with fal.ai…</source>
        <translation>fal.ai でキーを確認しています…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>Import a ComfyUI API workflow</source>
        <translation>ComfyUI の API ワークフローを読み込み</translation>
    </message>
    <message>
        <source>Workflows (*.json)</source>
        <translation>ワークフロー (*.json)</translation>
    </message>
    <message>
        <source>A key is set.</source>
        <translation>キーは設定済みです。</translation>
    </message>
    <message>
        <source>No key: fal.ai models are hidden.</source>
        <translation>キーなし：fal.ai のモデルは表示されません。</translation>
    </message>
    <message>
        <source>Workflows: </source>
        <translation>ワークフロー：</translation>
    </message>
</context>
<context>
    <name>ProvidersController</name>
    <message>
        <source>Add your fal.ai key in Settings first.</source>
        <translation>先に設定で fal.ai のキーを追加してください。</translation>
    </message>
    <message>
        <source>Connect to your ComfyUI server in Settings first.</source>
        <translation>先に設定で ComfyUI サーバーに接続してください。</translation>
    </message>
    <message>
        <source>Still connecting to the API; try again in a moment.</source>
        <translation>API に接続中です。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Demo ComfyUI (built-in emulator)</source>
        <translation>デモ ComfyUI（内蔵エミュレーター）</translation>
    </message>
    <message>
        <source>Paste your fal.ai key first.</source>
        <translation>先に fal.ai のキーを貼り付けてください。</translation>
    </message>
    <message>
        <source>Choose which input is the prompt.</source>
        <translation>どの入力をプロンプトにするか選んでください。</translation>
    </message>
    <message>
        <source>The key could not be checked.</source>
        <translation>キーを確認できませんでした。</translation>
    </message>
    <message>
        <source>fal.ai key accepted and saved in the system keychain.</source>
        <translation>fal.ai のキーを確認し、システムのキーチェーンに保存しました。</translation>
    </message>
    <message>
        <source>fal.ai key accepted for this session only. </source>
        <translation>fal.ai のキーを確認しました（このセッションのみ有効）。</translation>
    </message>
    <message>
        <source>The fal.ai key was removed from the keychain.</source>
        <translation>fal.ai のキーをキーチェーンから削除しました。</translation>
    </message>
    <message>
        <source>The server could not be checked.</source>
        <translation>サーバーを確認できませんでした。</translation>
    </message>
    <message>
        <source>Added “{name}” to the ComfyUI models.</source>
        <translation>「{name}」を ComfyUI のモデルに追加しました。</translation>
    </message>
</context>
<context>
    <name>PsdExportController</name>
    <message>
        <source>The original pencils are not open, so the copy sent to the model ({width}×{height}) sets the page size. Open the scan first for full resolution.</source>
        <translation>元の下書きが開かれていないため、モデルに送ったコピー（{width}×{height}）でページサイズを決めます。フル解像度で書き出すには、先にスキャンを開いてください。</translation>
    </message>
    <message>
        <source>Open the page&apos;s pencils (or a result made from them) first.</source>
        <translation>先にページの下書き（またはそこから作った結果）を開いてください。</translation>
    </message>
    <message>
        <source>Choose a file in an existing folder.</source>
        <translation>既存のフォルダー内のファイルを選んでください。</translation>
    </message>
    <message>
        <source>Not exported: choose another name.</source>
        <translation>書き出していません。別の名前を選んでください。</translation>
    </message>
    <message>
        <source>Export Layered PSD</source>
        <translation>レイヤー付きPSDを書き出し</translation>
    </message>
    <message>
        <source>{count} layers, {width} × {height} px, {size:.1f} MB, checked</source>
        <translation>{count} レイヤー、{width} × {height} px、{size:.1f} MB、検証済み</translation>
    </message>
    <message>
        <source>Exported {name} ({text}).</source>
        <translation>{name} を書き出しました（{text}）。</translation>
    </message>
</context>
<context>
    <name>PsdExportDialog</name>
    <message>
        <source>Ink (multiply)</source>
        <translation>ペン入れ（乗算）</translation>
    </message>
    <message>
        <source>Flats</source>
        <translation>下塗り</translation>
    </message>
    <message>
        <source>Export Layered PSD</source>
        <translation>レイヤー付きPSDを書き出し</translation>
    </message>
    <message>
        <source>{page}: {count} layers at the pencils&apos; full size, {width} × {height} px. Results are fitted onto the pencils&apos; frame (no crop); the file is read back before it is reported saved.</source>
        <translation>{page}：下書きと同じフルサイズ（{width} × {height} px）の {count} レイヤー。結果は下書きの枠に合わせます（切り抜きなし）。保存完了と表示する前に、ファイルを読み戻して確認します。</translation>
    </message>
    <message>
        <source>Layer name</source>
        <translation>レイヤー名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>元画像</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>解像度</translation>
    </message>
    <message>
        <source>Pencils</source>
        <translation>下書き</translation>
    </message>
</context>
<context>
    <name>RecoveryController</name>
    <message>
        <source>Fetching 1 result interrupted when FluxDesk closed.</source>
        <translation>FluxDesk の終了で中断した 1 件の結果を取得しています。</translation>
    </message>
    <message>
        <source>Fetching {n} results interrupted when FluxDesk closed.</source>
        <translation>FluxDesk の終了で中断した {n} 件の結果を取得しています。</translation>
    </message>
    <message>
        <source>1 paid job waits for your API key.</source>
        <translation>支払い済みのジョブ 1 件が APIキーを待っています。</translation>
    </message>
    <message>
        <source>{n} paid jobs wait for your API key.</source>
        <translation>支払い済みのジョブ {n} 件が APIキーを待っています。</translation>
    </message>
    <message>
        <source>1 result had expired at BFL (see History).</source>
        <translation>1 件の結果が BFL で期限切れになっていました（履歴を参照）。</translation>
    </message>
    <message>
        <source>{n} results had expired at BFL (see History).</source>
        <translation>{n} 件の結果が BFL で期限切れになっていました（履歴を参照）。</translation>
    </message>
</context>
<context>
    <name>ReferenceStrip</name>
    <message>
        <source>References</source>
        <translation>参照画像</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>追加…</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; could not be read.</source>
        <translation>「{name}」を読み込めませんでした。</translation>
    </message>
    <message>
        <source>image {number}</source>
        <translation>画像 {number}</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>送信しない</translation>
    </message>
    <message>
        <source>All reference slots are used</source>
        <translation>参照画像の枠をすべて使用中です</translation>
    </message>
    <message>
        <source>Add character or style references</source>
        <translation>キャラクターや画風の参照画像を追加</translation>
    </message>
    <message>
        <source>Add reference images</source>
        <translation>参照画像を追加</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>画像 ({patterns})</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; could not be read ({reason}).</source>
        <translation>「{name}」を読み込めませんでした（{reason}）。</translation>
    </message>
</context>
<context>
    <name>RegionEditController</name>
    <message>
        <source>Paint a mask first (B), or select a region (M).</source>
        <translation>先にマスクを塗るか（B）、範囲を選択してください（M）。</translation>
    </message>
    <message>
        <source>Preparing the page…</source>
        <translation>ページを準備しています…</translation>
    </message>
    <message>
        <source>The marks were made on a page of another size; open the page again and redo them.</source>
        <translation>指定した範囲は別のサイズのページのものです。ページを開き直して、もう一度指定してください。</translation>
    </message>
</context>
<context>
    <name>RunCheck</name>
    <message>
        <source>{model} takes no reference images.</source>
        <translation>{model} は参照画像を使いません。</translation>
    </message>
    <message>
        <source>{model} takes up to 1 reference besides the input.</source>
        <translation>{model} は入力画像のほかに参照画像を 1 枚まで使えます。</translation>
    </message>
    <message>
        <source>{model} takes up to {n} references besides the input.</source>
        <translation>{model} は入力画像のほかに参照画像を {n} 枚まで使えます。</translation>
    </message>
    <message>
        <source>{model} needs a prompt: describe the result.</source>
        <translation>{model} にはプロンプトが必要です。欲しい結果を書いてください。</translation>
    </message>
    <message>
        <source>{model} needs an input image: drop your pencils on the canvas.</source>
        <translation>{model} には入力画像が必要です。下書きをキャンバスにドロップしてください。</translation>
    </message>
    <message>
        <source>Seed {reason}.</source>
        <translation>シード：{reason}。</translation>
    </message>
    <message>
        <source>References: {reason}.</source>
        <translation>参照画像：{reason}。</translation>
    </message>
    <message>
        <source>Set both width and height, or leave both on Auto.</source>
        <translation>幅と高さを両方指定するか、両方とも自動にしてください。</translation>
    </message>
    <message>
        <source>{reason}: choose a smaller size.</source>
        <translation>{reason}。小さいサイズを選んでください。</translation>
    </message>
    <message>
        <source>Expand at least one side: top, bottom, left or right.</source>
        <translation>上下左右の少なくとも1辺を拡張してください。</translation>
    </message>
    <message>
        <source>{field} {reason}.</source>
        <translation>{field}：{reason}。</translation>
    </message>
    <message>
        <source>1 image · {price}</source>
        <translation>1 枚 · {price}</translation>
    </message>
    <message>
        <source>{count} variations · {price}</source>
        <translation>{count} 枚 · {price}</translation>
    </message>
    <message>
        <source>{count} variations × {price} = {total}</source>
        <translation>{count} 枚 × {price} = {total}</translation>
    </message>
    <message>
        <source>{count} variations × 1 credit = {total}</source>
        <translation>{count} 枚 × 1 クレジット = {total}</translation>
    </message>
    <message>
        <source>{count} variations × {each} credits = {total}</source>
        <translation>{count} 枚 × {each} クレジット = {total}</translation>
    </message>
    <message>
        <source>{model} runs on your ComfyUI server: FluxDesk adds no charge per image.</source>
        <translation>{model} は自分の ComfyUI サーバーで実行します。FluxDesk による1枚ごとの料金はかかりません。</translation>
    </message>
    <message>
        <source>{model} on fal.ai: {price} per image (fal&apos;s list price).</source>
        <translation>fal.ai の {model}：1枚 {price}（fal の定価）。</translation>
    </message>
    <message>
        <source>{model} on fal.ai: {price} per megapixel, rounded up (fal&apos;s list price).</source>
        <translation>fal.ai の {model}：1メガピクセルあたり {price}、切り上げ（fal の定価）。</translation>
    </message>
    <message>
        <source>{model}: {credits} credits per image (1 credit = $0.01).</source>
        <translation>{model}：1枚 {credits} クレジット（1 クレジット = $0.01）。</translation>
    </message>
    <message>
        <source>{model}: {first} credits for the first output megapixel, {extra} for each further megapixel and per megapixel of every input image. An estimate; the API reports the exact cost.</source>
        <translation>{model}：出力の最初の1メガピクセルに {first} クレジット、以降の出力と各入力画像の1メガピクセルごとに {extra} クレジット。見積もりです。正確な料金は API が報告します。</translation>
    </message>
    <message>
        <source>Fill in {names} in the preset&apos;s fields above, or edit the prompt.</source>
        <translation>上のプリセットの欄で {names} を入力するか、プロンプトを編集してください。</translation>
    </message>
    <message>
        <source>1 reference is kept but not sent: {limit}</source>
        <translation>参照画像 1 枚は保持しますが送信しません：{limit}</translation>
    </message>
    <message>
        <source>{n} references are kept but not sent: {limit}</source>
        <translation>参照画像 {n} 枚は保持しますが送信しません：{limit}</translation>
    </message>
    <message>
        <source>→ {width}×{height} px ({megapixels} MP)</source>
        <translation>→ {width}×{height} px（{megapixels} MP）</translation>
    </message>
    <message>
        <source>→ about {width}×{height} px ({megapixels} MP)</source>
        <translation>→ 約 {width}×{height} px（{megapixels} MP）</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>Random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>Empty: a new random seed every run.
A number: repeatable results; variations use the next seeds.</source>
        <translation>空欄：実行ごとに新しいランダムなシード。
数値：同じ結果を再現できます。バリエーションには続きのシードを使います。</translation>
    </message>
    <message>
        <source>Images per click, 1 to {count}; they run side by side.</source>
        <translation>1回の生成枚数（1～{count}）。同時に実行します。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>バリエーション</translation>
    </message>
    <message>
        <source>Random seed each run (type a number to fix it)</source>
        <translation>実行ごとにランダムなシード（数値を入力すると固定）</translation>
    </message>
    <message>
        <source>Use a random seed again</source>
        <translation>ランダムなシードに戻す</translation>
    </message>
    <message>
        <source>A new random seed for every image.</source>
        <translation>画像ごとに新しいランダムなシードを使います。</translation>
    </message>
    <message>
        <source>Fixed seed {seed}: the same settings repeat the result.</source>
        <translation>シード {seed} に固定：同じ設定なら同じ結果になります。</translation>
    </message>
    <message>
        <source>Fixed seeds {first} to {last}, one per variation.</source>
        <translation>シード {first}～{last} に固定（バリエーションごとに1つ）。</translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存先</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出し</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>書き出しをキャンセル</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>書き出し中…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>キャンセルしました。何も書き出していません。</translation>
    </message>
    <message>
        <source>Export Again</source>
        <translation>もう一度書き出し</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>フォルダーで表示</translation>
    </message>
    <message>
        <source>Saved {name}: {summary}.</source>
        <translation>{name} を保存しました：{summary}。</translation>
    </message>
</context>
<context>
    <name>SecretEdit</name>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
</context>
<context>
    <name>SelectionOptions</name>
    <message>
        <source>How much of the page around the selection the model sees (the dotted box). More context keeps the style; less gives the region more detail.</source>
        <translation>選択範囲の周りをどれだけモデルに見せるか（点線の枠）。広いと画風を保ちやすく、狭いと範囲を細かく描けます。</translation>
    </message>
    <message>
        <source>Deselect</source>
        <translation>選択を解除</translation>
    </message>
    <message>
        <source>Deselect (Ctrl+D or Esc)</source>
        <translation>選択を解除（Ctrl+D または Esc）</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>周辺範囲</translation>
    </message>
    <message>
        <source>No selection: drag on the page</source>
        <translation>選択なし：ページ上をドラッグ</translation>
    </message>
    <message>
        <source>Selection {w} × {h} px</source>
        <translation>選択範囲 {w} × {h} px</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Global (api.bfl.ai, automatic failover)</source>
        <translation>グローバル（api.bfl.ai、自動フェイルオーバー）</translation>
    </message>
    <message>
        <source>Europe (api.eu.bfl.ai)</source>
        <translation>ヨーロッパ（api.eu.bfl.ai）</translation>
    </message>
    <message>
        <source>United States (api.us.bfl.ai)</source>
        <translation>アメリカ（api.us.bfl.ai）</translation>
    </message>
    <message>
        <source>FluxDesk Settings</source>
        <translation>FluxDesk の設定</translation>
    </message>
    <message>
        <source>BFL API key</source>
        <translation>BFL APIキー</translation>
    </message>
    <message>
        <source>Paste your key from dashboard.bfl.ai</source>
        <translation>dashboard.bfl.ai のキーを貼り付け</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>確認して保存</translation>
    </message>
    <message>
        <source>The key is kept in your system keychain (Keychain on macOS, Credential Manager on Windows, Secret Service on Linux) and only ever sent to BFL&apos;s API. It is never written to a file. On machines without a keychain, set the BFL_API_KEY environment variable instead.</source>
        <translation>キーはシステムのキーチェーン（macOS はキーチェーン、Windows は資格情報マネージャー、Linux は Secret Service）に保存され、BFL の API にだけ送信されます。ファイルに書き込まれることはありません。キーチェーンがない環境では、代わりに環境変数 BFL_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>キーを削除</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Use the built-in demo when no key is set</source>
        <translation>キーが未設定のときは内蔵デモを使う</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>System ({language})</source>
        <translation>システム（{language}）</translation>
    </message>
    <message>
        <source>Restart FluxDesk to see the new language.</source>
        <translation>新しい言語は FluxDesk の再起動後に反映されます。</translation>
    </message>
    <message>
        <source>Checking the key with BFL…</source>
        <translation>BFL でキーを確認しています…</translation>
    </message>
    <message>
        <source>A key is set and working.</source>
        <translation>キーは設定済みで、有効です。</translation>
    </message>
    <message>
        <source>A key is set (not checked yet).</source>
        <translation>キーは設定済みです（未確認）。</translation>
    </message>
    <message>
        <source>No key yet: FluxDesk runs in demo mode.</source>
        <translation>キーが未設定です。FluxDesk はデモモードで動作します。</translation>
    </message>
    <message>
        <source>The saved key was rejected by BFL. Paste a new one.</source>
        <translation>保存済みのキーは BFL に拒否されました。新しいキーを貼り付けてください。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Open pencils</source>
        <translation>下書きを開く</translation>
    </message>
    <message>
        <source>Paste an image</source>
        <translation>画像を貼り付け</translation>
    </message>
    <message>
        <source>Show the input</source>
        <translation>入力画像を表示</translation>
    </message>
    <message>
        <source>Zoom in / out</source>
        <translation>拡大 / 縮小</translation>
    </message>
    <message>
        <source>Ctrl+= / Ctrl+-  (or the mouse wheel)</source>
        <translation>Ctrl+= / Ctrl+-（またはマウスホイール）</translation>
    </message>
    <message>
        <source>Fit / 100%</source>
        <translation>全体表示 / 100%</translation>
    </message>
    <message>
        <source>Ctrl+0 / Ctrl+1  (double-click toggles)</source>
        <translation>Ctrl+0 / Ctrl+1（ダブルクリックで切り替え）</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>表示の移動</translation>
    </message>
    <message>
        <source>Drag, middle-drag or Space+drag; arrow keys</source>
        <translation>ドラッグ、中ボタンドラッグ、Space+ドラッグ、矢印キー</translation>
    </message>
    <message>
        <source>Compare: result, wipe, side by side, flip</source>
        <translation>比較：結果のみ・ワイプ・左右に並べる・切り替え</translation>
    </message>
    <message>
        <source>Compare: onion skin, what moved (heat map)</source>
        <translation>比較：オニオンスキン・変化した箇所（ヒートマップ）</translation>
    </message>
    <message>
        <source>Flip to the pencils</source>
        <translation>下書きに切り替え</translation>
    </message>
    <message>
        <source>Hold F</source>
        <translation>F を押し続ける</translation>
    </message>
    <message>
        <source>Tools: navigate, rectangle, lasso, mask, expand, panels</source>
        <translation>ツール：表示・長方形・投げなわ・マスク・拡張・コマ</translation>
    </message>
    <message>
        <source>Detect panels / run on all panels</source>
        <translation>コマを検出 / すべてのコマで実行</translation>
    </message>
    <message>
        <source>Redo the selected panels</source>
        <translation>選択したコマを再生成</translation>
    </message>
    <message>
        <source>Merge panels / delete panels</source>
        <translation>コマを結合 / コマを削除</translation>
    </message>
    <message>
        <source>Ctrl+G / Delete (Panels tool)</source>
        <translation>Ctrl+G / Delete（コマツール）</translation>
    </message>
    <message>
        <source>Square selection / deselect</source>
        <translation>正方形で選択 / 選択を解除</translation>
    </message>
    <message>
        <source>Shift while dragging / Ctrl+D or Esc</source>
        <translation>ドラッグ中に Shift / Ctrl+D または Esc</translation>
    </message>
    <message>
        <source>Brush smaller / bigger; paint or erase</source>
        <translation>ブラシを小さく / 大きく、描画と消去の切り替え</translation>
    </message>
    <message>
        <source>Undo / redo where you work: mask, panels, History (a delete), Finish &amp; Export</source>
        <translation>作業中の場所で取り消し／やり直し：マスク、コマ、履歴（削除）、仕上げ・書き出し</translation>
    </message>
    <message>
        <source>Use the selected result as input</source>
        <translation>選択した結果を入力画像にする</translation>
    </message>
    <message>
        <source>Reuse the selected entry&apos;s settings</source>
        <translation>選択した項目の設定を再利用</translation>
    </message>
    <message>
        <source>Cancel the selected job / all jobs</source>
        <translation>選択したジョブ / すべてのジョブをキャンセル</translation>
    </message>
    <message>
        <source>Delete / Ctrl+Shift+.</source>
        <translation>Delete / Ctrl+Shift+.</translation>
    </message>
    <message>
        <source>Export the page / a chapter PDF</source>
        <translation>ページ / 話のPDFを書き出し</translation>
    </message>
    <message>
        <source>Export the page as a layered PSD</source>
        <translation>ページをレイヤー付きPSDで書き出し</translation>
    </message>
    <message>
        <source>Chapter batch (contact sheet)</source>
        <translation>話の一括処理（コンタクトシート）</translation>
    </message>
    <message>
        <source>In the contact sheet: accept, redo, branch, compare</source>
        <translation>コンタクトシートで：採用・再生成・分岐・比較</translation>
    </message>
    <message>
        <source>In the contact sheet: the page&apos;s other results</source>
        <translation>コンタクトシートで：そのページの他の結果</translation>
    </message>
    <message>
        <source>Task presets</source>
        <translation>タスクプリセット</translation>
    </message>
    <message>
        <source>Clean up the scan (panel)</source>
        <translation>スキャンのクリーンアップ（パネル）</translation>
    </message>
    <message>
        <source>Spending</source>
        <translation>利用状況</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
</context>
<context>
    <name>SpendingController</name>
    <message>
        <source>1 image</source>
        <translation>1 枚</translation>
    </message>
    <message>
        <source>{n} images</source>
        <translation>{n} 枚</translation>
    </message>
    <message>
        <source>Send {jobs} for {price}?</source>
        <translation>{jobs}を {price} で送信しますか？</translation>
    </message>
    <message>
        <source>Confirm spending</source>
        <translation>利用額の確認</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>● Demo mode: add your key in Settings</source>
        <translation>● デモモード：設定でキーを追加してください</translation>
    </message>
    <message>
        <source>Drop your pencils here to try FluxDesk</source>
        <translation>ここに下書きをドロップして FluxDesk を試す</translation>
    </message>
    <message>
        <source>Demo mode: results come from the built-in emulator, free. Add your BFL key in Settings (Ctrl+,) to use the real models.</source>
        <translation>デモモード：結果は内蔵エミュレーターによるもので無料です。実際のモデルを使うには、設定（Ctrl+,）で BFL のキーを追加してください。</translation>
    </message>
    <message>
        <source>Balance: </source>
        <translation>残高：</translation>
    </message>
    <message>
        <source>BFL rejected the API key. Open Settings to fix it.</source>
        <translation>BFL に APIキーを拒否されました。設定を開いて修正してください。</translation>
    </message>
</context>
<context>
    <name>TileDelegate</name>
    <message>
        <source>seed {seed}</source>
        <translation>シード {seed}</translation>
    </message>
    <message>
        <source> · run {n}</source>
        <translation> · {n} 回目</translation>
    </message>
</context>
<context>
    <name>ToolsBar</name>
    <message>
        <source>Navigate</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Pan and zoom; the page is not changed</source>
        <translation>移動と拡大縮小。ページは変更しません</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>長方形</translation>
    </message>
    <message>
        <source>Select a rectangle to edit (Shift: square, Esc: deselect)</source>
        <translation>編集する長方形を選択（Shift：正方形、Esc：解除）</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>投げなわ</translation>
    </message>
    <message>
        <source>Draw around the part to edit; it closes on release</source>
        <translation>編集する部分を囲みます。離すと閉じます</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>マスク</translation>
    </message>
    <message>
        <source>Paint what FLUX Fill should repaint ([ ] size, X: paint/erase)</source>
        <translation>FLUX Fill に描き直させる部分を塗ります（[ ] サイズ、X：描画／消去）</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>拡張</translation>
    </message>
    <message>
        <source>Drag the page&apos;s edges outward for FLUX Expand</source>
        <translation>FLUX Expand 用にページの端を外側へドラッグ</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>コマ</translation>
    </message>
    <message>
        <source>Find the page&apos;s panels, fix them, and run a preset panel by panel</source>
        <translation>ページのコマを検出・修正し、プリセットをコマごとに実行します</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>ツール</translation>
    </message>
    <message>
        <source>Deselect</source>
        <translation>選択を解除</translation>
    </message>
</context>
<context>
    <name>ToolsWiring</name>
    <message>
        <source>Clean Up Scan</source>
        <translation>スキャンのクリーンアップ</translation>
    </message>
</context>
<context>
    <name>UndoRouter</name>
    <message>
        <source>&amp;Undo</source>
        <translation>取り消し(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Result only</source>
        <translation>結果のみ</translation>
    </message>
    <message>
        <source>Wipe (slider)</source>
        <translation>ワイプ（スライダー）</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>左右に並べる</translation>
    </message>
    <message>
        <source>Flip (hold F)</source>
        <translation>切り替え（F を押し続ける）</translation>
    </message>
    <message>
        <source>Onion skin (registered)</source>
        <translation>オニオンスキン（位置合わせ済み）</translation>
    </message>
    <message>
        <source>What moved (heat map)</source>
        <translation>変化した箇所（ヒートマップ）</translation>
    </message>
    <message>
        <source>&amp;Open Pencils…</source>
        <translation>下書きを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Paste Image</source>
        <translation>画像を貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export Page…</source>
        <translation>ページを書き出し(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;Chapter PDF…</source>
        <translation>話をPDFで書き出し(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;Layered PSD…</source>
        <translation>レイヤー付きPSDを書き出し(&amp;L)…</translation>
    </message>
    <message>
        <source>Chapter &amp;Batch…</source>
        <translation>話の一括処理(&amp;B)…</translation>
    </message>
    <message>
        <source>Task &amp;Presets…</source>
        <translation>タスクプリセット(&amp;P)…</translation>
    </message>
    <message>
        <source>S&amp;pending…</source>
        <translation>利用状況(&amp;P)…</translation>
    </message>
    <message>
        <source>Cancel &amp;All Jobs</source>
        <translation>すべてのジョブをキャンセル(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;Input</source>
        <translation>入力画像を表示(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Pixels (100%)</source>
        <translation>実際のピクセル（100%）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About FluxDesk</source>
        <translation>FluxDesk について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Compare the result with the pencils (Alt+1…6; hold F to flip)</source>
        <translation>生成結果と下書きを比較（Alt+1～6、F を押し続けると切り替え）</translation>
    </message>
</context>
<context>
    <name>WorkflowMappingDialog</name>
    <message>
        <source>(not used)</source>
        <translation>（使わない）</translation>
    </message>
    <message>
        <source>Import ComfyUI workflow</source>
        <translation>ComfyUI ワークフローを読み込み</translation>
    </message>
    <message>
        <source>Tell FluxDesk which input of the workflow each setting goes to. Settings left “not used” keep the workflow&apos;s own value. The prompt is required.</source>
        <translation>各設定をワークフローのどの入力に渡すかを指定します。「使わない」のままの設定はワークフロー側の値を使います。プロンプトは必須です。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
</context>
<context>
    <name>_Tile</name>
    <message>
        <source>Remove {name}</source>
        <translation>{name} を外す</translation>
    </message>
</context>
<context>
    <name>fluxdesk.core</name>
    <message>
        <source>Width</source>
        <translation>幅</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高さ</translation>
    </message>
    <message>
        <source>Expand top</source>
        <translation>上に拡張</translation>
    </message>
    <message>
        <source>Expand bottom</source>
        <translation>下に拡張</translation>
    </message>
    <message>
        <source>Expand left</source>
        <translation>左に拡張</translation>
    </message>
    <message>
        <source>Expand right</source>
        <translation>右に拡張</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>出力形式</translation>
    </message>
    <message>
        <source>Safety tolerance</source>
        <translation>セーフティ許容度</translation>
    </message>
    <message>
        <source>Prompt upsampling</source>
        <translation>プロンプト拡張</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ数</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>ガイダンス</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>縦横比</translation>
    </message>
    <message>
        <source>Between 21:9 and 9:21. Empty keeps the input&apos;s shape.</source>
        <translation>21:9～9:21。空欄なら入力画像の形のまま。</translation>
    </message>
    <message>
        <source>BFL&apos;s recommended default for generation and editing; up to 8 references.</source>
        <translation>BFL が推奨する、生成・編集の標準モデル。参照画像は8枚まで。</translation>
    </message>
    <message>
        <source>The strongest FLUX.2; up to 8 references.</source>
        <translation>最も高性能な FLUX.2。参照画像は8枚まで。</translation>
    </message>
    <message>
        <source>PNG keeps line art lossless; JPEG is smaller.</source>
        <translation>PNG は線画を劣化させず保存します。JPEG はファイルが小さくなります。</translation>
    </message>
    <message>
        <source>0 is the strictest moderation.</source>
        <translation>0 が最も厳しいモデレーションです。</translation>
    </message>
    <message>
        <source>Let the API rewrite the prompt more creatively.</source>
        <translation>API にプロンプトをより自由に書き直させます。</translation>
    </message>
    <message>
        <source>Pixels, a multiple of 32 between 256 and 1440.</source>
        <translation>ピクセル数。256～1440 の 32 の倍数。</translation>
    </message>
    <message>
        <source>Leave empty to match the input (or 1024). A multiple of 16; at most 4 MP in all.</source>
        <translation>空欄なら入力画像に合わせます（または 1024）。16 の倍数、合計 4 MP まで。</translation>
    </message>
    <message>
        <source>How closely to follow the prompt.</source>
        <translation>プロンプトにどれだけ忠実に従うか。</translation>
    </message>
    <message>
        <source>Pixels to add on this side.</source>
        <translation>この辺に追加するピクセル数。</translation>
    </message>
    <message>
        <source>Small, fast and cheap FLUX.2; up to 4 reference images.</source>
        <translation>小型・高速・低価格の FLUX.2。参照画像は4枚まで。</translation>
    </message>
    <message>
        <source>Text to image at an exact size; an optional image prompt (Redux).</source>
        <translation>正確なサイズでテキストから画像を生成。画像プロンプト（Redux）も使えます。</translation>
    </message>
    <message>
        <source>Edits an image by instruction: inking, clean-up, redraws. About 1 MP out.</source>
        <translation>指示で画像を編集：ペン入れ、クリーンアップ、描き直し。出力は約 1 MP。</translation>
    </message>
    <message>
        <source>Kontext with the best prompt following and typography. Six jobs at a time.</source>
        <translation>プロンプトへの忠実さと文字の描画に最も優れた Kontext。同時に6ジョブまで。</translation>
    </message>
    <message>
        <source>FLUX.2 with steps and guidance under your control; good with text.</source>
        <translation>ステップ数とガイダンスを調整できる FLUX.2。文字の描画が得意です。</translation>
    </message>
    <message>
        <source>Large (about 4 MP) text-to-image; an optional image prompt to remix.</source>
        <translation>大きな画像（約 4 MP）をテキストから生成。画像プロンプトでリミックスも可能。</translation>
    </message>
    <message>
        <source>Repaints the white part of a mask; the rest of the image is kept.</source>
        <translation>マスクの白い部分を描き直し、ほかの部分はそのまま残します。</translation>
    </message>
    <message>
        <source>Grows the canvas outward and paints what lies beyond the edges.</source>
        <translation>キャンバスを外側に広げ、端の先を描き足します。</translation>
    </message>
    <message>
        <source>Between 21:9 and 9:21. About 4 MP out.</source>
        <translation>21:9～9:21。出力は約 4 MP。</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>Raw</translation>
    </message>
    <message>
        <source>Image prompt strength</source>
        <translation>画像プロンプトの強さ</translation>
    </message>
    <message>
        <source>Unknown model &apos;{model_id}&apos;. Known models: {known}.</source>
        <translation>不明なモデル「{model_id}」です。使えるモデル：{known}。</translation>
    </message>
    <message>
        <source>Less processed, more natural-looking images.</source>
        <translation>加工を抑えた、より自然な画像。</translation>
    </message>
    <message>
        <source>Blend between the prompt and the image prompt.</source>
        <translation>プロンプトと画像プロンプトの配分。</translation>
    </message>
    <message>
        <source>The result&apos;s download link had expired (BFL keeps results for 10 minutes), so the image could not be saved. Run the job again.</source>
        <translation>結果のダウンロードリンクの期限が切れていたため（BFL の保管期間は10分）、画像を保存できませんでした。もう一度実行してください。</translation>
    </message>
    <message>
        <source>Too many jobs are running at once on this account (BFL allows 24, and 6 for Kontext [max]). Wait for some to finish, then try again.</source>
        <translation>このアカウントで同時に実行中のジョブが多すぎます（BFL の上限は24件、Kontext [max] は6件）。いくつか完了するのを待ってから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>The API key was rejected. Check it in Settings (or BFL_API_KEY); you can create a new key at dashboard.bfl.ai.</source>
        <translation>APIキーが拒否されました。設定（または BFL_API_KEY）を確認してください。新しいキーは dashboard.bfl.ai で作成できます。</translation>
    </message>
    <message>
        <source>Your BFL account has run out of credits. Add credits at dashboard.bfl.ai, then try again. Nothing was charged for this job.</source>
        <translation>BFL アカウントのクレジットがなくなりました。dashboard.bfl.ai でクレジットを追加してから、もう一度お試しください。このジョブは課金されていません。</translation>
    </message>
    <message>
        <source>the job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>The API answered {what} with an unexpected HTTP {status}.</source>
        <translation>API が{what}に予期しない HTTP {status} を返しました。</translation>
    </message>
    <message>
        <source>The API accepted the job but sent no task id.</source>
        <translation>API はジョブを受け付けましたが、タスク ID を返しませんでした。</translation>
    </message>
    <message>
        <source>The API accepted the job but sent no usable polling address.</source>
        <translation>API はジョブを受け付けましたが、使える確認用アドレスを返しませんでした。</translation>
    </message>
    <message>
        <source>The API sent a status answer without a status.</source>
        <translation>API の状態確認の応答に状態が含まれていませんでした。</translation>
    </message>
    <message>
        <source>The API said the image is ready but sent no link to it.</source>
        <translation>API から画像の準備完了の通知がありましたが、リンクがありませんでした。</translation>
    </message>
    <message>
        <source>The API&apos;s balance answer had no credit figure.</source>
        <translation>API の残高の応答にクレジット数がありませんでした。</translation>
    </message>
    <message>
        <source>The API had a problem with {what} (HTTP {status}). Try again in a minute.</source>
        <translation>API で{what}の処理に問題が発生しました（HTTP {status}）。1分ほどしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Lost contact with the API while waiting for the result. FluxDesk keeps the job and can pick it up again when the connection is back.</source>
        <translation>結果を待つ間に API との接続が切れました。FluxDesk はジョブを保持し、接続が戻れば続きを取得できます。</translation>
    </message>
    <message>
        <source>the status check</source>
        <translation>状態確認</translation>
    </message>
    <message>
        <source>the balance check</source>
        <translation>残高確認</translation>
    </message>
    <message>
        <source>Can&apos;t reach the API at {host} to check the balance.</source>
        <translation>残高を確認するための API（{host}）に接続できません。</translation>
    </message>
    <message>
        <source>{credits} credits (${dollars})</source>
        <translation>{credits} クレジット (${dollars})</translation>
    </message>
    <message>
        <source>1 credit (${dollars})</source>
        <translation>1 クレジット (${dollars})</translation>
    </message>
    <message>
        <source>{who} sent an unexpected answer to {what}.</source>
        <translation>{who} が{what}に予期しない応答を返しました。</translation>
    </message>
    <message>
        <source>The server sent a damaged image.</source>
        <translation>サーバーから破損した画像が送られてきました。</translation>
    </message>
    <message>
        <source>The result is larger than any FLUX model produces.</source>
        <translation>結果が FLUX モデルの出力としては大きすぎます。</translation>
    </message>
    <message>
        <source>The server gave an insecure or invalid link for the result; it was not fetched.</source>
        <translation>サーバーが示した結果のリンクが安全でないか無効なため、取得しませんでした。</translation>
    </message>
    <message>
        <source>The result is unreasonably large; it was not downloaded.</source>
        <translation>結果が大きすぎるため、ダウンロードしませんでした。</translation>
    </message>
    <message>
        <source>The download of the result was cut short.</source>
        <translation>結果のダウンロードが途中で切れました。</translation>
    </message>
    <message>
        <source>{who} sent an unreadable answer to {what} (not JSON). It may be having trouble; try again shortly.</source>
        <translation>{who} が{what}に読み取れない応答（JSON ではない）を返しました。障害が起きている可能性があります。少ししてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The connection broke while downloading the result.</source>
        <translation>結果のダウンロード中に接続が切れました。</translation>
    </message>
    <message>
        <source>The result is not a PNG, JPEG or WebP ({format}).</source>
        <translation>結果が PNG・JPEG・WebP ではありません（{format}）。</translation>
    </message>
    <message>
        <source>The result could not be downloaded (HTTP {status_code}).</source>
        <translation>結果をダウンロードできませんでした（HTTP {status_code}）。</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>テキストで指定してください</translation>
    </message>
    <message>
        <source>must be one of {choices}</source>
        <translation>{choices} のいずれかにしてください</translation>
    </message>
    <message>
        <source>{model} needs an input image</source>
        <translation>{model} には入力画像が必要です</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>true か false にしてください</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>数値にしてください</translation>
    </message>
    <message>
        <source>must be between {low} and {high}</source>
        <translation>{low}～{high} にしてください</translation>
    </message>
    <message>
        <source>must be at least {low}</source>
        <translation>{low} 以上にしてください</translation>
    </message>
    <message>
        <source>must be at most {high}</source>
        <translation>{high} 以下にしてください</translation>
    </message>
    <message>
        <source>must be a multiple of {step}</source>
        <translation>{step} の倍数にしてください</translation>
    </message>
    <message>
        <source>must look like 16:9</source>
        <translation>16:9 の形式で指定してください</translation>
    </message>
    <message>
        <source>must be between 21:9 and 9:21</source>
        <translation>21:9～9:21 にしてください</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>整数にしてください</translation>
    </message>
    <message>
        <source>{model} needs a prompt</source>
        <translation>{model} にはプロンプトが必要です</translation>
    </message>
    <message>
        <source>must be a whole number of 0 or more</source>
        <translation>0 以上の整数にしてください</translation>
    </message>
    <message>
        <source>{model} takes at most {count} image(s)</source>
        <translation>{model} が使える画像は {count} 枚までです</translation>
    </message>
    <message>
        <source>a mask needs an image to apply to</source>
        <translation>マスクには適用先の画像が必要です</translation>
    </message>
    <message>
        <source>set both sizes or neither</source>
        <translation>サイズは両方指定するか、両方とも空欄にしてください</translation>
    </message>
    <message>
        <source>expand at least one side</source>
        <translation>少なくとも1辺を拡張してください</translation>
    </message>
    <message>
        <source>is {width}×{height} but the image is {image_width}×{image_height}</source>
        <translation>{width}×{height} ですが、画像は {image_width}×{image_height} です</translation>
    </message>
    <message>
        <source>is not a setting of {model}</source>
        <translation>{model} の設定項目ではありません</translation>
    </message>
    <message>
        <source>{width}×{height} is over FLUX.2&apos;s 4 megapixels</source>
        <translation>{width}×{height} は FLUX.2 の上限 4 メガピクセルを超えています</translation>
    </message>
    <message>
        <source>{model} takes no input image</source>
        <translation>{model} は入力画像を使いません</translation>
    </message>
    <message>
        <source>This run is estimated at {estimate}, above your confirmation threshold of {threshold}.</source>
        <translation>この実行の見積もりは {estimate} で、確認のしきい値 {threshold} を超えています。</translation>
    </message>
    <message>
        <source>It would take this month&apos;s spending to {total}, over your monthly budget of {cap} ({left} left).</source>
        <translation>今月の利用額が {total} になり、月の予算 {cap}（残り {left}）を超えます。</translation>
    </message>
    <message>
        <source>{first}; {then}</source>
        <translation>{first}、{then}</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}：{reason}</translation>
    </message>
    <message>
        <source>Invalid settings, nothing was sent: {problems}</source>
        <translation>設定が正しくないため、送信していません：{problems}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由の説明なし</translation>
    </message>
    <message>
        <source>The API rejected the request: {problems}</source>
        <translation>API にリクエストを拒否されました：{problems}</translation>
    </message>
    <message>
        <source>No system keychain is available to keep the API key safely. Set the BFL_API_KEY environment variable instead; FluxDesk never writes the key to a plain file.</source>
        <translation>APIキーを安全に保存できるシステムのキーチェーンがありません。代わりに環境変数 BFL_API_KEY を設定してください。FluxDesk がキーを平文のファイルに書き込むことはありません。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the details are in the log file.</source>
        <translation>予期しない問題が発生しました。詳細はログファイルにあります。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; already exists in {folder}. Choose another name, or allow replacing it.</source>
        <translation>「{name}」は {folder} にすでにあります。別の名前にするか、置き換えを許可してください。</translation>
    </message>
    <message>
        <source>No API key is set. Add your BFL key in Settings (it is kept in the system keychain) or set the BFL_API_KEY environment variable.</source>
        <translation>APIキーが設定されていません。設定で BFL のキーを追加する（システムのキーチェーンに保存されます）か、環境変数 BFL_API_KEY を設定してください。</translation>
    </message>
    <message>
        <source>Could not write {what} ({reason}).</source>
        <translation>{what}を書き込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>This file is not a FluxDesk history backup that can be restored: {reason}</source>
        <translation>このファイルは復元できる FluxDesk の履歴バックアップではありません：{reason}</translation>
    </message>
    <message>
        <source>The disk is full, so FluxDesk could not write {what}. Nothing was changed; free some space or choose another drive.</source>
        <translation>ディスクがいっぱいのため、{what}を書き込めませんでした。変更は行っていません。空き容量を増やすか、別のドライブを選んでください。</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist.</source>
        <translation>フォルダー {parent} がありません。</translation>
    </message>
    <message>
        <source>the backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>the restored history</source>
        <translation>復元した履歴</translation>
    </message>
    <message>
        <source>the change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>the deletion</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>the trash</source>
        <translation>ゴミ箱</translation>
    </message>
    <message>
        <source>the restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>A name can&apos;t be empty.</source>
        <translation>名前を空にはできません。</translation>
    </message>
    <message>
        <source>That name is too long (200 characters at most).</source>
        <translation>名前が長すぎます（200文字まで）。</translation>
    </message>
    <message>
        <source>the book</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>the chapter</source>
        <translation>話</translation>
    </message>
    <message>
        <source>the page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>the current page</source>
        <translation>現在のページ</translation>
    </message>
    <message>
        <source>Could not save {what} ({reason}).</source>
        <translation>{what}を保存できませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>The disk is full, so {what} could not be saved. Free some space; nothing already in the history was lost.</source>
        <translation>ディスクがいっぱいのため、{what}を保存できませんでした。空き容量を増やしてください。履歴にあるものは失われていません。</translation>
    </message>
    <message>
        <source>the job&apos;s progress</source>
        <translation>ジョブの進行状況</translation>
    </message>
    <message>
        <source>the job&apos;s state</source>
        <translation>ジョブの状態</translation>
    </message>
    <message>
        <source>the job&apos;s task id</source>
        <translation>ジョブのタスク ID</translation>
    </message>
    <message>
        <source>the image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>An input image ({sha256}…) is missing from the history.</source>
        <translation>入力画像（{sha256}…）が履歴にありません。</translation>
    </message>
    <message>
        <source>the result</source>
        <translation>生成結果</translation>
    </message>
    <message>
        <source>&apos;{token}&apos; is not a placeholder: use a name in braces such as {example}, or write {open} and {close} for a literal brace</source>
        <translation>「{token}」は差し込み項目ではありません。{example} のように名前を波かっこで囲むか、波かっこそのものは {open} と {close} と書いてください</translation>
    </message>
    <message>
        <source>the composed page</source>
        <translation>合成したページ</translation>
    </message>
    <message>
        <source>The connection broke after the job was sent, so it may or may not be running (and charged). FluxDesk will not send it again by itself; check your BFL dashboard before retrying.</source>
        <translation>ジョブの送信後に接続が切れたため、実行中（課金済み）かどうか分かりません。FluxDesk は自動では再送信しません。再試行する前に BFL のダッシュボードを確認してください。</translation>
    </message>
    <message>
        <source>Can&apos;t reach the API at {host}. Check your internet connection; nothing was sent or charged.</source>
        <translation>API（{host}）に接続できません。インターネット接続を確認してください。何も送信・課金していません。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a valid API address (expected https://host).</source>
        <translation>「{url}」は有効な API アドレスではありません（https://host の形式にしてください）。</translation>
    </message>
    <message>
        <source>Refusing plain http for {host}: the API key would travel unencrypted. Use https (plain http is allowed only for 127.0.0.1 and localhost).</source>
        <translation>{host} への暗号化なしの http 接続は行いません。API キーが暗号化されずに送られてしまいます。https を使ってください（http は 127.0.0.1 と localhost に限り使えます）。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a valid API address (no query or fragment allowed).</source>
        <translation>「{url}」は有効な API アドレスではありません（クエリやフラグメントは使えません）。</translation>
    </message>
    <message>
        <source>A batch needs at least one page.</source>
        <translation>一括処理には1ページ以上が必要です。</translation>
    </message>
    <message>
        <source>A batch can hold at most {count} pages.</source>
        <translation>一括処理に入れられるのは {count} ページまでです。</translation>
    </message>
    <message>
        <source>the batch</source>
        <translation>一括処理</translation>
    </message>
    <message>
        <source>There is no batch {batch}.</source>
        <translation>一括処理 {batch} はありません。</translation>
    </message>
    <message>
        <source>the batch job</source>
        <translation>一括処理のジョブ</translation>
    </message>
    <message>
        <source>the accepted page</source>
        <translation>採用したページ</translation>
    </message>
    <message>
        <source>Only a finished result can be accepted.</source>
        <translation>採用できるのは完了した結果だけです。</translation>
    </message>
    <message>
        <source>the redo</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>the batch&apos;s owner</source>
        <translation>一括処理の所有者</translation>
    </message>
    <message>
        <source>&apos;{folder}&apos; is not a folder.</source>
        <translation>「{folder}」はフォルダーではありません。</translation>
    </message>
    <message>
        <source>There are no page images (PNG, JPEG, TIFF…) in &apos;{folder}&apos;.</source>
        <translation>「{folder}」にページ画像（PNG・JPEG・TIFF など）がありません。</translation>
    </message>
    <message>
        <source>{model} does not edit a page, so it can&apos;t run a chapter batch: choose an editing model such as FLUX.1 Kontext.</source>
        <translation>{model} はページを編集しないモデルのため、話の一括処理には使えません。FLUX.1 Kontext などの編集モデルを選んでください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; could not be read ({reason}).</source>
        <translation>「{name}」を読み込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>unknown format.</source>
        <translation>形式が不明です。</translation>
    </message>
    <message>
        <source>it was made by a newer FluxDesk; update FluxDesk first.</source>
        <translation>新しいバージョンの FluxDesk で作られています。先に FluxDesk を更新してください。</translation>
    </message>
    <message>
        <source>the database inside it is damaged (its hash does not match).</source>
        <translation>中のデータベースが壊れています（ハッシュが一致しません）。</translation>
    </message>
    <message>
        <source>its manifest is impossibly large.</source>
        <translation>マニフェストが異常に大きすぎます。</translation>
    </message>
    <message>
        <source>it has no readable manifest.</source>
        <translation>読み取れるマニフェストがありません。</translation>
    </message>
    <message>
        <source>the zip file is damaged.</source>
        <translation>zip ファイルが壊れています。</translation>
    </message>
    <message>
        <source>the database inside it fails SQLite&apos;s integrity check.</source>
        <translation>中のデータベースが SQLite の整合性チェックに通りません。</translation>
    </message>
    <message>
        <source>the database inside it can&apos;t be read.</source>
        <translation>中のデータベースを読み込めません。</translation>
    </message>
    <message>
        <source>it contains an unsafe path ({path}).</source>
        <translation>安全でないパスが含まれています（{path}）。</translation>
    </message>
    <message>
        <source>the image {name} inside it is impossibly large.</source>
        <translation>中の画像 {name} が異常に大きすぎます。</translation>
    </message>
    <message>
        <source>the image {name} inside it is damaged.</source>
        <translation>中の画像 {name} が壊れています。</translation>
    </message>
    <message>
        <source>Waiting for your API key to fetch this result: add it in Settings.</source>
        <translation>この結果を取得するには API キーが必要です。設定で追加してください。</translation>
    </message>
    <message>
        <source>A demo job from an earlier session: it runs again (free) in demo mode.</source>
        <translation>以前のセッションのデモジョブです。デモモードで（無料で）もう一度実行します。</translation>
    </message>
    <message>
        <source>FluxDesk closed before this job was sent, so nothing was charged. Use Reuse settings to run it again.</source>
        <translation>このジョブの送信前に FluxDesk が終了したため、課金されていません。「設定を再利用」でもう一度実行できます。</translation>
    </message>
    <message>
        <source>FluxDesk closed while sending this job, so it may have reached BFL (and been charged) or not. It is not sent again by itself: check your BFL dashboard (dashboard.bfl.ai) before running it again.</source>
        <translation>このジョブの送信中に FluxDesk が終了したため、BFL に届いて課金されたかどうか分かりません。自動では再送信しません。もう一度実行する前に BFL のダッシュボード（dashboard.bfl.ai）を確認してください。</translation>
    </message>
    <message>
        <source>The result was ready at {ready}, but FluxDesk was closed until {now} and BFL deletes results 10 minutes after they are ready. It was probably charged; to get it, run the job again (Reuse settings keeps the seed).</source>
        <translation>結果は {ready} に完成していましたが、FluxDesk は {now} まで終了しており、BFL は完成から10分で結果を削除します。おそらく課金されています。取得するにはジョブをもう一度実行してください（「設定を再利用」でシードも引き継げます）。</translation>
    </message>
    <message>
        <source>This job was sent at {sent} and FluxDesk was closed for more than an hour; BFL keeps a result only 10 minutes after it is ready. It was probably charged; to get it, run the job again (Reuse settings keeps the seed).</source>
        <translation>このジョブは {sent} に送信されましたが、その後 FluxDesk が1時間以上終了していました。BFL は完成から10分しか結果を保持しません。おそらく課金されています。取得するにはジョブをもう一度実行してください（「設定を再利用」でシードも引き継げます）。</translation>
    </message>
    <message>
        <source>Waiting for your API key to fetch this result: add it in Settings. BFL keeps it until {time}.</source>
        <translation>この結果を取得するには API キーが必要です。設定で追加してください。BFL は {time} まで保持します。</translation>
    </message>
    <message>
        <source>the job&apos;s owner</source>
        <translation>ジョブの所有者</translation>
    </message>
    <message>
        <source>An input image could not be read ({exc}).</source>
        <translation>入力画像を読み込めませんでした（{exc}）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has no pixels.</source>
        <translation>「{name}」にはピクセルがありません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is {width}×{height} ({megapixels:.0f} MP); FluxDesk opens images up to {max_megapixels:.0f} MP.</source>
        <translation>「{name}」は {width}×{height}（{megapixels:.0f} MP）です。FluxDesk で開ける画像は {max_megapixels:.0f} MP までです。</translation>
    </message>
    <message>
        <source>The image is empty (0 bytes).</source>
        <translation>画像が空です（0 バイト）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; claims an impossibly large size; it was not opened.</source>
        <translation>「{name}」のサイズ情報がありえないほど大きいため、開きませんでした。</translation>
    </message>
    <message>
        <source>FluxDesk is not allowed to read &apos;{name}&apos;.</source>
        <translation>「{name}」を読み込む権限がありません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; no longer exists.</source>
        <translation>「{name}」はもう存在しません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not an image FluxDesk can read (PNG, JPEG, TIFF, WebP, BMP...).</source>
        <translation>「{name}」は FluxDesk で読み込める画像（PNG・JPEG・TIFF・WebP・BMP など）ではありません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged or cut short and could not be read completely.</source>
        <translation>「{name}」は壊れているか途中で切れているため、すべてを読み込めませんでした。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is too large to open with the memory available.</source>
        <translation>「{name}」は大きすぎて、使用可能なメモリでは開けません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is a folder, not an image.</source>
        <translation>「{name}」は画像ではなくフォルダーです。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty (0 bytes).</source>
        <translation>「{name}」は空です（0 バイト）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is larger than 2 GB; FluxDesk can&apos;t open it.</source>
        <translation>「{name}」は 2 GB を超えているため開けません。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; can&apos;t be read: {reason}.</source>
        <translation>「{name}」を読み込めません：{reason}。</translation>
    </message>
    <message>
        <source>The image is {width}×{height} px: too long and narrow to send. The API needs at least {side} px on the short side within {mp:.0f} MP; crop it to a less extreme shape.</source>
        <translation>画像が {width}×{height} px で、細長すぎるため送信できません。API では {mp:.0f} MP 以内で短辺 {side} px 以上が必要です。極端でない形にトリミングしてください。</translation>
    </message>
    <message>
        <source>A mask needs an --input image to apply to.</source>
        <translation>マスクには適用先の --input 画像が必要です。</translation>
    </message>
    <message>
        <source>{label} takes at most {count} input image(s).</source>
        <translation>{label} が使える入力画像は {count} 枚までです。</translation>
    </message>
    <message>
        <source>{label} takes no mask (FLUX.1 Fill does).</source>
        <translation>{label} はマスクを使いません（使えるのは FLUX.1 Fill です）。</translation>
    </message>
    <message>
        <source>{label} takes no input image.</source>
        <translation>{label} は入力画像を使いません。</translation>
    </message>
    <message>
        <source>The job was not ready after {minutes:g} minutes, so FluxDesk stopped waiting. It stays in the history and can be resumed while {label} keeps it.</source>
        <translation>{minutes:g} 分待ってもジョブが完了しなかったため、待つのをやめました。ジョブは履歴に残り、{label} が保管している間は再開できます。</translation>
    </message>
    <message>
        <source>{label} no longer knows this job (it may have expired). Run it again.</source>
        <translation>{label} にこのジョブの記録がありません（期限切れの可能性があります）。もう一度実行してください。</translation>
    </message>
    <message>
        <source>Ink</source>
        <translation>ペン入れ</translation>
    </message>
    <message>
        <source>Ink (seed {seed})</source>
        <translation>ペン入れ（シード {seed}）</translation>
    </message>
    <message>
        <source>A grown page (seed {seed}) was left out: its frame is larger than the pencils&apos;.</source>
        <translation>拡張したページ（シード {seed}）は除外しました。枠が下書きより大きいためです。</translation>
    </message>
    <message>
        <source>The pencils are needed: they set the page&apos;s size and frame.</source>
        <translation>下書きが必要です。ページのサイズと枠は下書きで決まります。</translation>
    </message>
    <message>
        <source>Flats</source>
        <translation>下塗り</translation>
    </message>
    <message>
        <source>Flats (seed {seed})</source>
        <translation>下塗り（シード {seed}）</translation>
    </message>
    <message>
        <source>Pencils</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>No starred result for this page yet: star the results to hand off.</source>
        <translation>このページにはスター付きの結果がまだありません。渡したい結果にスターを付けてください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; did not read back at {width}×{height} px.</source>
        <translation>「{name}」を読み戻すと {width}×{height} px になっていませんでした。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; did not read back as written (expected {count} layers of {width}×{height}); export it again.</source>
        <translation>「{name}」を読み戻した内容が書き込んだものと一致しません（{width}×{height} の {count} レイヤーのはず）。もう一度書き出してください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; was written but could not be read back ({reason}); it may be damaged.</source>
        <translation>「{name}」は書き込みましたが、読み戻せませんでした（{reason}）。壊れている可能性があります。</translation>
    </message>
    <message>
        <source>There is nothing to export: add at least one layer.</source>
        <translation>書き出すものがありません。レイヤーを1つ以上追加してください。</translation>
    </message>
    <message>
        <source>PSD pages can be at most {limit} px on a side.</source>
        <translation>PSD のページは1辺 {limit} px までです。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; already exists; choose another name or replace it.</source>
        <translation>「{name}」はすでにあります。別の名前にするか、置き換えてください。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; is {width}×{height}, the page {page_width}×{page_height}: fit results back to the page before exporting.</source>
        <translation>レイヤー「{name}」は {width}×{height}、ページは {page_width}×{page_height} です。書き出す前に結果をページに合わせてください。</translation>
    </message>
    <message>
        <source>Layer &apos;{name}&apos; must be grayscale or RGB, without alpha.</source>
        <translation>レイヤー「{name}」はアルファなしのグレースケールか RGB にしてください。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>話</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>No panel {panel} on this page; detect the panels again.</source>
        <translation>このページにコマ {panel} がありません。コマを検出し直してください。</translation>
    </message>
    <message>
        <source>The page is too small to find panels on.</source>
        <translation>ページが小さすぎてコマを検出できません。</translation>
    </message>
    <message>
        <source>Draw a longer line to split the panel.</source>
        <translation>コマを分割するには、もっと長い線を引いてください。</translation>
    </message>
    <message>
        <source>The line does not cross the panel; draw it across.</source>
        <translation>線がコマを横切っていません。コマをまたぐように引いてください。</translation>
    </message>
    <message>
        <source>Pick at least two panels to merge.</source>
        <translation>結合するコマを2つ以上選んでください。</translation>
    </message>
    <message>
        <source>That corner is not part of the panel.</source>
        <translation>その角はコマの一部ではありません。</translation>
    </message>
    <message>
        <source>That would leave the panel with no area.</source>
        <translation>その操作をするとコマの面積がなくなります。</translation>
    </message>
    <message>
        <source>The drawn panel has no area; draw a larger shape.</source>
        <translation>描いたコマに面積がありません。もっと大きな形を描いてください。</translation>
    </message>
    <message>
        <source>Panel {panel} is not on this page.</source>
        <translation>コマ {panel} はこのページにありません。</translation>
    </message>
    <message>
        <source>the page&apos;s panels</source>
        <translation>ページのコマ</translation>
    </message>
    <message>
        <source>The page {name} could not be read ({reason}).</source>
        <translation>ページ {name} を読み込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>No panel came back, so there is nothing to compose.</source>
        <translation>コマが1つも戻らなかったため、合成するものがありません。</translation>
    </message>
    <message>
        <source>The page to compose onto is not the size of the pencils any more.</source>
        <translation>合成先のページが、もう下書きと同じサイズではありません。</translation>
    </message>
    <message>
        <source>the job&apos;s panel</source>
        <translation>ジョブのコマ</translation>
    </message>
    <message>
        <source>Choose at least one preset to export.</source>
        <translation>書き出すプリセットを1つ以上選んでください。</translation>
    </message>
    <message>
        <source>it is not a text file (UTF-8 JSON expected)</source>
        <translation>テキストファイルではありません（UTF-8 の JSON が必要です）</translation>
    </message>
    <message>
        <source>it is nested too deeply to be a preset</source>
        <translation>入れ子が深すぎてプリセットとして扱えません</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is built in and read-only; duplicate it to change it.</source>
        <translation>「{name}」は内蔵のため編集できません。変更するには複製してください。</translation>
    </message>
    <message>
        <source>≈ {credits}</source>
        <translation>約 {credits}</translation>
    </message>
    <message>
        <source>No history entry &apos;{entry}&apos;. Use an id from &apos;fluxdesk history list&apos;.</source>
        <translation>履歴に「{entry}」という項目はありません。「fluxdesk history list」に表示される ID を使ってください。</translation>
    </message>
    <message>
        <source>No history entry &apos;{entry}&apos;.</source>
        <translation>履歴に「{entry}」という項目はありません。</translation>
    </message>
    <message>
        <source>&apos;{entry}&apos; matches several entries; give more of the id.</source>
        <translation>「{entry}」に当てはまる項目が複数あります。ID をもう少し長く指定してください。</translation>
    </message>
    <message>
        <source>is {mask_width}×{mask_height} but the image is {width}×{height}</source>
        <translation>{mask_width}×{mask_height} ですが、画像は {width}×{height} です</translation>
    </message>
    <message>
        <source>the bundle&apos;s format {version} is not one FluxDesk reads</source>
        <translation>プリセット集の形式 {version} は、この FluxDesk では読み込めません</translation>
    </message>
    <message>
        <source>{file}, preset {number} (&apos;{name}&apos;)</source>
        <translation>{file} の {number} 番目のプリセット（「{name}」）</translation>
    </message>
    <message>
        <source>{file}, preset {number}</source>
        <translation>{file} の {number} 番目のプリセット</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is built in and can&apos;t be deleted.</source>
        <translation>「{name}」は内蔵のため削除できません。</translation>
    </message>
    <message>
        <source>it is larger than {megabytes} MB</source>
        <translation>{megabytes} MB を超えています</translation>
    </message>
    <message>
        <source>it could not be read ({exc})</source>
        <translation>読み込めませんでした（{exc}）</translation>
    </message>
    <message>
        <source>it is not valid JSON: {msg} at line {lineno}, column {colno}</source>
        <translation>正しい JSON ではありません：{lineno} 行 {colno} 列目で {msg}</translation>
    </message>
    <message>
        <source>The preset &apos;{name}&apos; could not be saved ({exc}).</source>
        <translation>プリセット「{name}」を保存できませんでした（{exc}）。</translation>
    </message>
    <message>
        <source>The preset &apos;{name}&apos; could not be deleted ({exc}).</source>
        <translation>プリセット「{name}」を削除できませんでした（{exc}）。</translation>
    </message>
    <message>
        <source>The presets could not be exported ({exc}).</source>
        <translation>プリセットを書き出せませんでした（{exc}）。</translation>
    </message>
    <message>
        <source>it holds no presets</source>
        <translation>プリセットが含まれていません</translation>
    </message>
    <message>
        <source>its id is &apos;{id}&apos; (file names are ids)</source>
        <translation>ID は「{id}」として扱います（ファイル名が ID になります）</translation>
    </message>
    <message>
        <source>the bundle has no &apos;presets&apos; list</source>
        <translation>プリセット集に「presets」のリストがありません</translation>
    </message>
    <message>
        <source>this is a bundle of presets: use Import to add them</source>
        <translation>これはプリセット集です。「読み込み…」で追加してください</translation>
    </message>
    <message>
        <source>the folder could not be read ({reason})</source>
        <translation>フォルダーを読み込めませんでした（{reason}）</translation>
    </message>
    <message>
        <source>a built-in preset has this id; rename the file to use it</source>
        <translation>内蔵プリセットと同じ ID です。使うにはファイル名を変更してください</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>true/false の値</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>リスト</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>{source}: {message}</source>
        <translation>{source}：{message}</translation>
    </message>
    <message>
        <source>a preset must be a JSON object, not {kind}</source>
        <translation>プリセットは JSON オブジェクトにしてください（{kind}になっています）</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be text, not {kind}</source>
        <translation>「{key}」はテキストにしてください（{kind}になっています）</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is missing or empty</source>
        <translation>「{key}」がないか、空です</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is longer than {limit} characters</source>
        <translation>「{key}」が {limit} 文字を超えています</translation>
    </message>
    <message>
        <source>model &apos;{model}&apos; is not one FluxDesk knows ({known})</source>
        <translation>モデル「{model}」は FluxDesk では使えません（使えるモデル：{known}）</translation>
    </message>
    <message>
        <source>&apos;params&apos; must be an object, not {kind}</source>
        <translation>「params」はオブジェクトにしてください（{kind}になっています）</translation>
    </message>
    <message>
        <source>parameters: {problems}</source>
        <translation>設定：{problems}</translation>
    </message>
    <message>
        <source>&apos;placeholders&apos; must be an object, not {kind}</source>
        <translation>「placeholders」はオブジェクトにしてください（{kind}になっています）</translation>
    </message>
    <message>
        <source>a preset has at most {count} placeholders</source>
        <translation>差し込み項目は1つのプリセットに {count} 個までです</translation>
    </message>
    <message>
        <source>&apos;variations&apos; must be a whole number from 1 to {most}</source>
        <translation>「variations」は 1～{most} の整数にしてください</translation>
    </message>
    <message>
        <source>&apos;tags&apos; must be a list of words</source>
        <translation>「tags」は単語のリストにしてください</translation>
    </message>
    <message>
        <source>at most {count} tags of up to {length} characters</source>
        <translation>タグは {count} 個まで、それぞれ {length} 文字までです</translation>
    </message>
    <message>
        <source>&apos;version&apos; must be a whole number</source>
        <translation>「version」は整数にしてください</translation>
    </message>
    <message>
        <source>it was made by a newer FluxDesk (preset format {version}); this version reads format {readable}. Update FluxDesk to use it</source>
        <translation>新しい FluxDesk で作られています（プリセット形式 {version}）。このバージョンが読めるのは形式 {readable} です。使うには FluxDesk を更新してください</translation>
    </message>
    <message>
        <source>ignored unknown setting &apos;{key}&apos;</source>
        <translation>不明な設定「{key}」は無視しました</translation>
    </message>
    <message>
        <source>the id must be lowercase letters, digits and dashes</source>
        <translation>ID には英小文字・数字・ハイフンだけを使ってください</translation>
    </message>
    <message>
        <source>The preset &apos;{name}&apos; can&apos;t be saved: {problem}.</source>
        <translation>プリセット「{name}」を保存できません：{problem}。</translation>
    </message>
    <message>
        <source>{label} {reason} (it is {value})</source>
        <translation>{label}：{reason}（現在は {value}）</translation>
    </message>
    <message>
        <source>placeholder name &apos;{name}&apos; must be a plain word such as character</source>
        <translation>差し込み項目の名前「{name}」は、character のような半角英数字の単語にしてください</translation>
    </message>
    <message>
        <source>placeholder &apos;{name}&apos; must be text or an object</source>
        <translation>差し込み項目「{name}」はテキストかオブジェクトにしてください</translation>
    </message>
    <message>
        <source>&apos;format&apos; is {kind}, expected &apos;{expected}&apos;</source>
        <translation>「format」が {kind} になっています（「{expected}」にしてください）</translation>
    </message>
    <message>
        <source>prompt: {problem}</source>
        <translation>プロンプト：{problem}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a setting of {model}</source>
        <translation>「{name}」は {model} の設定項目ではありません</translation>
    </message>
    <message>
        <source>&apos;{name}&apos;: FluxDesk exports .tif, .png, .jpg or .pdf files; add one of those.</source>
        <translation>「{name}」：書き出せるのは .tif・.png・.jpg・.pdf ファイルです。いずれかの拡張子を付けてください。</translation>
    </message>
    <message>
        <source>A {mode} page can&apos;t be saved as {format}; use {formats}.</source>
        <translation>{mode} のページは {format} で保存できません。{formats} を使ってください。</translation>
    </message>
    <message>
        <source>The page was saved, but its sidecar was not: {reason}</source>
        <translation>ページは保存しましたが、サイドカーは保存できませんでした：{reason}</translation>
    </message>
    <message>
        <source>The disk is full: &apos;{name}&apos; was not written. Free some space in {folder} (or choose another drive) and export again.</source>
        <translation>ディスクがいっぱいのため、「{name}」を書き込めませんでした。{folder} の空き容量を増やして（または別のドライブを選んで）、もう一度書き出してください。</translation>
    </message>
    <message>
        <source>FluxDesk is not allowed to write to {folder}; choose another folder.</source>
        <translation>FluxDesk には {folder} への書き込み権限がありません。別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder; give a file name to export to.</source>
        <translation>「{path}」はフォルダーです。書き出し先のファイル名を指定してください。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist; choose another folder.</source>
        <translation>フォルダー {folder} がありません。別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; could not be written ({reason}).</source>
        <translation>「{name}」を書き込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>The artwork has {real_dpi:.0f} dpi of real detail on this page and is enlarged {factor:.1f}× to {dpi} dpi: check fine lines and hatching at 100 % zoom.</source>
        <translation>この原稿の実質的な解像度はこのページで {real_dpi:.0f} dpi で、{dpi} dpi へ {factor:.1f} 倍に拡大されます。細い線やカケアミを 100 % 表示で確認してください。</translation>
    </message>
    <message>
        <source>Grey areas ({count:,} px, {share:.1f} % of the page) remain on a page marked black and white; the threshold will turn them black or white.</source>
        <translation>モノクロ2値のページにグレーの部分（{count:,} px、ページの {share:.1f} %）が残っています。2値化で黒か白になります。</translation>
    </message>
    <message>
        <source>{count:,} dark pixels lie outside the safe area; that is fine for bleed panels, but text and faces there may be trimmed or sit too close to the edge.</source>
        <translation>安全線の外に暗いピクセルが {count:,} 個あります。裁ち落としのコマなら問題ありませんが、そこにある文字や顔は切れたり端に寄りすぎたりするおそれがあります。</translation>
    </message>
    <message>
        <source>{count} line(s) are thinner than {min_mm:g} mm ({min_px:.1f} px at this size) and may break up or vanish in print.</source>
        <translation>{count} か所の線が {min_mm:g} mm（このサイズで {min_px:.1f} px）より細く、印刷でかすれたり消えたりするおそれがあります。</translation>
    </message>
    <message>
        <source>A tone of about {lpi:.0f} lpi was found; tones finer than 60 lines often moiré in print. Use a coarser tone (60 lines or less).</source>
        <translation>約 {lpi:.0f} 線のトーンが見つかりました。60線より細かいトーンは印刷でモアレになりやすいため、粗いトーン（60線以下）を使ってください。</translation>
    </message>
    <message>
        <source>The page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <source>with bleed</source>
        <translation>裁ち落としあり</translation>
    </message>
    <message>
        <source>trim</source>
        <translation>仕上がり</translation>
    </message>
    <message>
        <source>{what} is {width}×{height} px, but {page_name} ({box}) at {dpi} dpi is {page_width}×{page_height} px; place it on the page first.</source>
        <translation>{what}は {width}×{height} px ですが、{page_name}（{box}）の {dpi} dpi は {page_width}×{page_height} px です。先にページに配置してください。</translation>
    </message>
    <message>
        <source>no charge per image</source>
        <translation>1枚ごとの料金なし</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>価格不明</translation>
    </message>
    <message>
        <source>{label} has no model &apos;{model_id}&apos;. Known models: {known}.</source>
        <translation>{label} にモデル「{model_id}」はありません。使えるモデル：{known}。</translation>
    </message>
    <message>
        <source>BFL&apos;s moderation refused the prompt or input image{why}. Nothing was charged; rephrase the prompt or change the image.</source>
        <translation>BFL のモデレーションによりプロンプトまたは入力画像が拒否されました{why}。課金はされていません。プロンプトの表現を変えるか、画像を変更してください。</translation>
    </message>
    <message>
        <source>BFL&apos;s moderation withheld the generated image{why}. Nothing was charged; try another seed or a different prompt.</source>
        <translation>BFL のモデレーションにより生成画像が保留されました{why}。課金はされていません。別のシードかプロンプトでお試しください。</translation>
    </message>
    <message>
        <source>The generation failed on BFL&apos;s side. Nothing should have been charged; try again.</source>
        <translation>BFL 側で生成に失敗しました。課金はされていないはずです。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The ComfyUI server no longer has the output image (it may have been deleted or the server restarted). Run the job again.</source>
        <translation>ComfyUI サーバーに出力画像がもうありません（削除されたか、サーバーが再起動した可能性があります）。もう一度実行してください。</translation>
    </message>
    <message>
        <source>The ComfyUI host is limiting requests. Wait a moment, then try again.</source>
        <translation>ComfyUI のホストがリクエストを制限しています。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The workflow finished on the ComfyUI server but saved no image. Does it end in a Save Image node?</source>
        <translation>ComfyUI サーバーでワークフローは完了しましたが、画像が保存されませんでした。最後に Save Image ノードがありますか？</translation>
    </message>
    <message>
        <source>The ComfyUI server had a problem with {what} (HTTP {status_code}). Look at its console, then try again.</source>
        <translation>ComfyUI サーバーで{what}の処理に問題が発生しました（HTTP {status_code}）。サーバーのコンソールを確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>the image upload</source>
        <translation>画像のアップロード</translation>
    </message>
    <message>
        <source>The ComfyUI server took the image but did not say its name.</source>
        <translation>ComfyUI サーバーは画像を受け取りましたが、名前を返しませんでした。</translation>
    </message>
    <message>
        <source>the workflow</source>
        <translation>ワークフロー</translation>
    </message>
    <message>
        <source>The ComfyUI server queued the workflow but sent no prompt id.</source>
        <translation>ComfyUI サーバーはワークフローをキューに入れましたが、プロンプト ID を返しませんでした。</translation>
    </message>
    <message>
        <source>the queue check</source>
        <translation>キューの確認</translation>
    </message>
    <message>
        <source>The workflow failed on the ComfyUI server.</source>
        <translation>ComfyUI サーバーでワークフローが失敗しました。</translation>
    </message>
    <message>
        <source>The workflow finished but saved no image.</source>
        <translation>ワークフローは完了しましたが、画像が保存されませんでした。</translation>
    </message>
    <message>
        <source>the connection check</source>
        <translation>接続確認</translation>
    </message>
    <message>
        <source>Check the token in Settings.</source>
        <translation>設定でトークンを確認してください。</translation>
    </message>
    <message>
        <source>This server wants a token: add it in Settings.</source>
        <translation>このサーバーにはトークンが必要です。設定で追加してください。</translation>
    </message>
    <message>
        <source>The ComfyUI server refused FluxDesk (HTTP {status_code}). {hint}</source>
        <translation>ComfyUI サーバーに接続を拒否されました（HTTP {status_code}）。{hint}</translation>
    </message>
    <message>
        <source>The ComfyUI server refused the input image (HTTP {status_code}).</source>
        <translation>ComfyUI サーバーに入力画像を拒否されました（HTTP {status_code}）。</translation>
    </message>
    <message>
        <source>The connection broke after the workflow was sent, so the ComfyUI server may or may not have queued it. FluxDesk will not send it again by itself; look at the server&apos;s queue before retrying.</source>
        <translation>ワークフローの送信後に接続が切れたため、ComfyUI サーバーがキューに入れたかどうか分かりません。FluxDesk は自動では再送信しません。再試行する前にサーバーのキューを確認してください。</translation>
    </message>
    <message>
        <source>Can&apos;t reach the ComfyUI server at {host}. Check that it is running and the address in Settings; nothing was sent.</source>
        <translation>ComfyUI サーバー（{host}）に接続できません。サーバーが動いているか、設定のアドレスを確認してください。何も送信していません。</translation>
    </message>
    <message>
        <source>The ComfyUI server answered the workflow with HTTP {status_code}.</source>
        <translation>ComfyUI サーバーがワークフローに HTTP {status_code} を返しました。</translation>
    </message>
    <message>
        <source>The ComfyUI server answered the status check with HTTP {status_code}.</source>
        <translation>ComfyUI サーバーが状態確認に HTTP {status_code} を返しました。</translation>
    </message>
    <message>
        <source>the cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Lost contact with the ComfyUI server at {netloc} during {what}. Check that it is running; FluxDesk keeps the job.</source>
        <translation>{what}の途中で ComfyUI サーバー（{netloc}）との接続が切れました。サーバーが動いているか確認してください。ジョブは保持しています。</translation>
    </message>
    <message>
        <source>The ComfyUI server interrupted the job (Cancel was pressed there, or it was restarted). Run it again.</source>
        <translation>ComfyUI サーバーがジョブを中断しました（サーバー側でキャンセルされたか、再起動されました）。もう一度実行してください。</translation>
    </message>
    <message>
        <source>The workflow failed in {node} on the ComfyUI server: {reason}</source>
        <translation>ComfyUI サーバーのワークフローが {node} で失敗しました：{reason}</translation>
    </message>
    <message>
        <source>the model list</source>
        <translation>モデル一覧</translation>
    </message>
    <message>
        <source>Your own ComfyUI workflow.</source>
        <translation>自作の ComfyUI ワークフロー。</translation>
    </message>
    <message>
        <source>The built-in workflows cannot be overwritten.</source>
        <translation>内蔵のワークフローは上書きできません。</translation>
    </message>
    <message>
        <source>The workflow could not be saved ({reason}).</source>
        <translation>ワークフローを保存できませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a server address (expected http://host:8188).</source>
        <translation>「{url}」はサーバーのアドレスではありません（http://host:8188 の形式にしてください）。</translation>
    </message>
    <message>
        <source>Refusing plain http for {host} with a token: it would travel unencrypted. Use the server&apos;s https address.</source>
        <translation>トークンを使う場合、{host} への暗号化なしの http 接続は行いません。トークンが暗号化されずに送られてしまいます。サーバーの https アドレスを使ってください。</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a server address (no query or fragment allowed).</source>
        <translation>「{url}」はサーバーのアドレスではありません（クエリやフラグメントは使えません）。</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Input image</source>
        <translation>入力画像</translation>
    </message>
    <message>
        <source>LoRA name</source>
        <translation>LoRA 名</translation>
    </message>
    <message>
        <source>LoRA strength</source>
        <translation>LoRA の強さ</translation>
    </message>
    <message>
        <source>This is a ComfyUI editor workflow, not an API workflow. In ComfyUI use Workflow &gt; Export (API) and import that file.</source>
        <translation>これは ComfyUI のエディター用ワークフローで、API ワークフローではありません。ComfyUI で Workflow &gt; Export (API) を使い、そのファイルを読み込んでください。</translation>
    </message>
    <message>
        <source>The workflow file holds no nodes.</source>
        <translation>ワークフローファイルにノードがありません。</translation>
    </message>
    <message>
        <source>The workflow&apos;s mapping is not a JSON object.</source>
        <translation>ワークフローの対応付けが JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>The workflow has more than {limit} nodes.</source>
        <translation>ワークフローのノードが {limit} 個を超えています。</translation>
    </message>
    <message>
        <source>A LoRA file on the server; empty for none.</source>
        <translation>サーバー上の LoRA ファイル。使わない場合は空欄。</translation>
    </message>
    <message>
        <source>The mapping for &apos;{role}&apos; must be [node id, input name].</source>
        <translation>「{role}」の対応付けは [ノード ID, 入力名] の形にしてください。</translation>
    </message>
    <message>
        <source>The mapping for &apos;{role}&apos; names node {node} input &apos;{name}&apos;, which the workflow does not have.</source>
        <translation>「{role}」の対応付けはノード {node} の入力「{name}」を指していますが、ワークフローにありません。</translation>
    </message>
    <message>
        <source>The mapping names unknown settings: {names}.</source>
        <translation>対応付けに不明な設定があります：{names}。</translation>
    </message>
    <message>
        <source>{name} is not a JSON object.</source>
        <translation>{name} は JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>Node {node} of the workflow is not an API-format node.</source>
        <translation>ワークフローのノード {node} は API 形式のノードではありません。</translation>
    </message>
    <message>
        <source>{name} is too large to be a workflow.</source>
        <translation>{name} はワークフローとしては大きすぎます。</translation>
    </message>
    <message>
        <source>{name} could not be read ({reason}).</source>
        <translation>{name} を読み込めませんでした（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is not valid JSON ({reason}).</source>
        <translation>{name} は正しい JSON ではありません（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is nested too deeply to be a workflow.</source>
        <translation>{name} は入れ子が深すぎるため、ワークフローとして扱えません。</translation>
    </message>
    <message>
        <source>{name}: unknown family {family}.</source>
        <translation>{name}：不明なファミリー {family}。</translation>
    </message>
    <message>
        <source>Node {node} input &apos;{name}&apos; links to a missing node.</source>
        <translation>ノード {node} の入力「{name}」が存在しないノードにつながっています。</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Pixels, a multiple of 16.</source>
        <translation>ピクセル数。16 の倍数。</translation>
    </message>
    <message>
        <source>PNG keeps line art lossless; fal has no WebP.</source>
        <translation>PNG は線画を劣化させず保存します。fal では WebP は使えません。</translation>
    </message>
    <message>
        <source>1 is the strictest moderation.</source>
        <translation>1 が最も厳しいモデレーションです。</translation>
    </message>
    <message>
        <source>Let fal rewrite the prompt more creatively (enhance_prompt).</source>
        <translation>fal にプロンプトをより自由に書き直させます（enhance_prompt）。</translation>
    </message>
    <message>
        <source>Kontext on fal.ai: edits an image by instruction (inking, clean-up, redraws).</source>
        <translation>fal.ai の Kontext：指示どおりに画像を編集します（ペン入れ、クリーンアップ、描き直し）。</translation>
    </message>
    <message>
        <source>Kontext [max] on fal.ai: the best prompt following and typography.</source>
        <translation>fal.ai の Kontext [max]：プロンプトへの忠実さと文字の描画に最も優れています。</translation>
    </message>
    <message>
        <source>{label} on fal.ai needs an input image.</source>
        <translation>fal.ai の {label} には入力画像が必要です。</translation>
    </message>
    <message>
        <source>How closely to follow the prompt (guidance_scale).</source>
        <translation>プロンプトにどれだけ忠実に従うか（guidance_scale）。</translation>
    </message>
    <message>
        <source>fal takes these ratios only; Default keeps the input&apos;s shape.</source>
        <translation>fal で使えるのはこれらの比率だけです。「既定」なら入力画像の形のまま。</translation>
    </message>
    <message>
        <source>The open-weights Kontext on fal.ai: cheaper inking and edits.</source>
        <translation>fal.ai のオープンウェイト版 Kontext：ペン入れや編集を安価に。</translation>
    </message>
    <message>
        <source>Text to image at an exact size, on fal.ai (priced per megapixel).</source>
        <translation>fal.ai で、正確なサイズでテキストから画像を生成（メガピクセル単位の料金）。</translation>
    </message>
    <message>
        <source>Open-weights text to image on fal.ai (priced per megapixel).</source>
        <translation>fal.ai のオープンウェイト版テキストから画像（メガピクセル単位の料金）。</translation>
    </message>
    <message>
        <source>fal.ai has no model &apos;{model_id}&apos; in FluxDesk. Known: {known}.</source>
        <translation>FluxDesk の fal.ai にはモデル「{model_id}」がありません。使えるモデル：{known}。</translation>
    </message>
    <message>
        <source>fal.ai no longer has the result image, so it could not be saved. Run the job again.</source>
        <translation>fal.ai に結果の画像がもうないため、保存できませんでした。もう一度実行してください。</translation>
    </message>
    <message>
        <source>fal.ai is limiting how many requests this key may send. Wait a moment, then try again.</source>
        <translation>fal.ai がこのキーのリクエスト数を制限しています。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>fal.ai rejected the key. Check it in Settings (or FAL_KEY); keys are made at fal.ai/dashboard/keys.</source>
        <translation>fal.ai にキーを拒否されました。設定（または FAL_KEY）を確認してください。キーは fal.ai/dashboard/keys で作成できます。</translation>
    </message>
    <message>
        <source>Your fal.ai balance is used up. Add funds at fal.ai/dashboard/billing, then try again.</source>
        <translation>fal.ai の残高がなくなりました。fal.ai/dashboard/billing で入金してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>fal.ai answered {what} with an unexpected HTTP {status}.</source>
        <translation>fal.ai が{what}に予期しない HTTP {status} を返しました。</translation>
    </message>
    <message>
        <source>No fal.ai key is set. Add it in Settings (it is kept in the system keychain) or set the FAL_KEY environment variable.</source>
        <translation>fal.ai のキーが設定されていません。設定で追加する（システムのキーチェーンに保存されます）か、環境変数 FAL_KEY を設定してください。</translation>
    </message>
    <message>
        <source>fal.ai accepted the job but sent no request id.</source>
        <translation>fal.ai はジョブを受け付けましたが、リクエスト ID を返しませんでした。</translation>
    </message>
    <message>
        <source>fal.ai accepted the job but sent no usable status address.</source>
        <translation>fal.ai はジョブを受け付けましたが、使える状態確認用アドレスを返しませんでした。</translation>
    </message>
    <message>
        <source>fal.ai sent a status answer without a status.</source>
        <translation>fal.ai の状態確認の応答に状態が含まれていませんでした。</translation>
    </message>
    <message>
        <source>fal.ai lost the job part-way (its worker stopped). fal does not bill failed runs; try again.</source>
        <translation>fal.ai が途中でジョブを失いました（ワーカーが停止）。失敗した実行は課金されません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The generation failed on fal.ai ({reason}). Try again.</source>
        <translation>fal.ai で生成に失敗しました（{reason}）。もう一度お試しください。</translation>
    </message>
    <message>
        <source>fal.ai finished the job but returned no image. fal does not bill empty results; try again.</source>
        <translation>fal.ai でジョブは完了しましたが、画像が返されませんでした。空の結果は課金されません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>fal.ai&apos;s safety checker withheld the generated image. Try another seed or a different prompt.</source>
        <translation>fal.ai のセーフティチェックにより生成画像が保留されました。別のシードかプロンプトでお試しください。</translation>
    </message>
    <message>
        <source>fal.ai finished the job but returned no image.</source>
        <translation>fal.ai でジョブは完了しましたが、画像が返されませんでした。</translation>
    </message>
    <message>
        <source>Paste your fal.ai key first.</source>
        <translation>先に fal.ai のキーを貼り付けてください。</translation>
    </message>
    <message>
        <source>fal.ai had a problem with {what} (HTTP {status}). Try again in a minute.</source>
        <translation>fal.ai で{what}の処理に問題が発生しました（HTTP {status}）。1分ほどしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The connection broke after the job was sent to fal.ai, so it may or may not be running (and billed). FluxDesk will not send it again by itself; check your fal.ai dashboard before retrying.</source>
        <translation>fal.ai へのジョブ送信後に接続が切れたため、実行中（課金済み）かどうか分かりません。FluxDesk は自動では再送信しません。再試行する前に fal.ai のダッシュボードを確認してください。</translation>
    </message>
    <message>
        <source>Can&apos;t reach fal.ai at {host}. Check your internet connection; nothing was sent or billed.</source>
        <translation>fal.ai（{host}）に接続できません。インターネット接続を確認してください。何も送信・課金していません。</translation>
    </message>
    <message>
        <source>Lost contact with fal.ai while waiting for {what}. FluxDesk keeps the job and can pick it up again when the connection is back.</source>
        <translation>{what}を待つ間に fal.ai との接続が切れました。FluxDesk はジョブを保持し、接続が戻れば続きを取得できます。</translation>
    </message>
    <message>
        <source>the key check</source>
        <translation>キーの確認</translation>
    </message>
    <message>
        <source>The page has no pixels.</source>
        <translation>ページにピクセルがありません。</translation>
    </message>
    <message>
        <source>This expand was planned for a {planned_width}×{planned_height} page, but the page is {width}×{height}.</source>
        <translation>この拡張は {planned_width}×{planned_height} のページ用ですが、ページは {width}×{height} です。</translation>
    </message>
    <message>
        <source>A shape needs at least three points.</source>
        <translation>形には少なくとも3つの点が必要です。</translation>
    </message>
    <message>
        <source>The mask is empty: paint over the part to change.</source>
        <translation>マスクが空です。変更したい部分を塗ってください。</translation>
    </message>
    <message>
        <source>Drag an edge of the page outward first: nothing to expand.</source>
        <translation>拡張する部分がありません。先にページの端を外側へドラッグしてください。</translation>
    </message>
    <message>
        <source>{label} can&apos;t edit a region; pick Kontext, FLUX.2 or Fill.</source>
        <translation>{label} では範囲を編集できません。Kontext・FLUX.2・Fill を選んでください。</translation>
    </message>
    <message>
        <source>{label} does not expand a page; pick FLUX.1 Expand.</source>
        <translation>{label} ではページを拡張できません。FLUX.1 Expand を選んでください。</translation>
    </message>
    <message>
        <source>The result is kept as the model made it, but it could not be placed on the page: {reason}</source>
        <translation>結果はモデルが作ったまま保存しましたが、ページに配置できませんでした：{reason}</translation>
    </message>
    <message>
        <source>The selection encloses no area; draw a larger shape.</source>
        <translation>選択範囲に面積がありません。もっと大きな形を描いてください。</translation>
    </message>
    <message>
        <source>The selection lies outside the page.</source>
        <translation>選択範囲がページの外にあります。</translation>
    </message>
    <message>
        <source>Region edits need a grayscale or RGB page, not mode {mode}.</source>
        <translation>範囲の編集にはグレースケールか RGB のページが必要です（現在のモード：{mode}）。</translation>
    </message>
    <message>
        <source>This region was planned for a {planned_width}×{planned_height} page, but the page is {width}×{height}.</source>
        <translation>この範囲は {planned_width}×{planned_height} のページ用ですが、ページは {width}×{height} です。</translation>
    </message>
</context>
<context>
    <name>fluxdesk.presets</name>
    <message>
        <source>Pencils → clean ink (B/W print)</source>
        <translation>下書き → ペン入れ（モノクロ印刷）</translation>
    </message>
    <message>
        <source>Inks scanned or digital pencils as finished line art: pure black on pure white, ready for 1-bit print. Nothing is moved or redrawn.</source>
        <translation>スキャンまたはデジタルの下書きを、仕上がった線画にペン入れします。白地に純黒で、1ビット印刷にそのまま使えます。絵を動かしたり描き直したりはしません。</translation>
    </message>
    <message>
        <source>the inking style, e.g. even technical-pen lines</source>
        <translation>ペン入れのスタイル（英語で。例：even technical-pen lines）</translation>
    </message>
    <message>
        <source>style</source>
        <translation>スタイル</translation>
    </message>
    <message>
        <source>Clean up line weight</source>
        <translation>線の強弱を整える</translation>
    </message>
    <message>
        <source>Tidies existing line art (digital inks or a rough inking pass) without redrawing it: smooth strokes, closed gaps, consistent weight.</source>
        <translation>既存の線画（デジタルのペン入れや荒いペン入れ）を描き直さずに整えます。なめらかな線、閉じたすき間、そろった線の太さに。</translation>
    </message>
    <message>
        <source>how heavy the lines should be, and where</source>
        <translation>線の太さと、どこを太くするか（英語で）</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>線の太さ</translation>
    </message>
    <message>
        <source>Remove construction lines</source>
        <translation>アタリ線を消す</translation>
    </message>
    <message>
        <source>Erases guide circles, axis and perspective lines and sketchy under-drawing; the final lines stay exactly as they are.</source>
        <translation>アタリの円、軸線やパース線、ラフな下描きを消します。清書した線はそのまま残します。</translation>
    </message>
    <message>
        <source>Flats for colouring</source>
        <translation>色塗り用の下塗り</translation>
    </message>
    <message>
        <source>Flat base colours under the line art, one solid colour per closed area, ready for magic-wand selection.</source>
        <translation>線画の下に、閉じた領域ごとに1色のベタ塗りで下塗りします。自動選択ツールでそのまま選べます。</translation>
    </message>
    <message>
        <source>colours, e.g. red jacket, black hair, pale skin</source>
        <translation>色の指定（英語で。例：red jacket, black hair, pale skin）</translation>
    </message>
    <message>
        <source>palette</source>
        <translation>配色</translation>
    </message>
    <message>
        <source>Grey shading</source>
        <translation>グレーの影付け</translation>
    </message>
    <message>
        <source>Adds flat grey tones for greyscale print over finished inks; the line art is kept.</source>
        <translation>仕上がった線画に、グレースケール印刷用のフラットなグレーの影を付けます。線画はそのまま残します。</translation>
    </message>
    <message>
        <source>how many greys and how hard their edges are</source>
        <translation>グレーの段階数と境界の硬さ（英語で）</translation>
    </message>
    <message>
        <source>where the light comes from</source>
        <translation>光の来る方向（英語で）</translation>
    </message>
    <message>
        <source>tones</source>
        <translation>階調</translation>
    </message>
    <message>
        <source>light</source>
        <translation>光源</translation>
    </message>
    <message>
        <source>Redraw the selected panel</source>
        <translation>選択したコマを描き直す</translation>
    </message>
    <message>
        <source>Changes one thing in a panel and keeps everything else, in the page&apos;s own inking style. Select the panel first; describe the change.</source>
        <translation>コマの中の1か所だけを、ページと同じペン入れのスタイルで変更し、ほかはそのまま残します。先にコマを選択し、変更内容を書いてください。</translation>
    </message>
    <message>
        <source>e.g. she looks back over her shoulder, surprised</source>
        <translation>英語で。例：she looks back over her shoulder, surprised</translation>
    </message>
    <message>
        <source>change</source>
        <translation>変更内容</translation>
    </message>
    <message>
        <source>Character turnaround from a reference</source>
        <translation>参照画像からキャラクターの三面図</translation>
    </message>
    <message>
        <source>A model sheet of five views from one reference drawing. Add the character&apos;s reference image (and style references) before generating.</source>
        <translation>1枚の参照画から5方向のキャラクター設定画を作ります。生成の前にキャラクターの参照画像（と画風の参照画像）を追加してください。</translation>
    </message>
    <message>
        <source>who it is, e.g. Aya, a courier in a hooded jacket</source>
        <translation>キャラクターの説明（英語で。例：Aya, a courier in a hooded jacket）</translation>
    </message>
    <message>
        <source>the drawing style of the sheet</source>
        <translation>設定画の絵柄（英語で）</translation>
    </message>
    <message>
        <source>character</source>
        <translation>キャラクター</translation>
    </message>
</context>
</TS>
