/**
 * The blocked brute-force scan and the KD-tree must return the same
 * neighbours, to the last bit and with the same tie order, because the
 * strategy is picked by feature count alone.
 */
import { NeighbourSearch } from '../../../detectors/outlier/neighbours';
import { matrixFromRows } from '../../../detectors/outlier/matrix';
import { loadSplit } from './support/adbench';

test.each([['cardio'], ['satellite'], ['annthyroid']] as const)('brute force equals kd-tree on %s', (dataset) => {
  const { train, test } = loadSplit(dataset);
  const tree = new NeighbourSearch(train, 'kd-tree');
  const scan = new NeighbourSearch(train, 'brute-force');

  const treeTraining = tree.queryTrainingRows(10);
  const scanTraining = scan.queryTrainingRows(10);
  expect(scanTraining.indices).toEqual(treeTraining.indices);
  expect(scanTraining.distances).toEqual(treeTraining.distances);

  const treeTest = tree.query(test, 10);
  const scanTest = scan.query(test, 10);
  expect(scanTest.indices).toEqual(treeTest.indices);
  expect(scanTest.distances).toEqual(treeTest.distances);
});

test('brute force breaks ties by index', () => {
  // Rows 1, 2 and 3 are all at distance 1 from the query, so the two nearest are rows 1 and 2.
  const training = matrixFromRows([[5, 5], [1, 0], [0, 1], [-1, 0], [0, 0]]);
  const result = new NeighbourSearch(training, 'brute-force').query(matrixFromRows([[0, 0]]), 3);
  expect(Array.from(result.indices)).toEqual([4, 1, 2]);
  expect(Array.from(result.distances)).toEqual([0, 1, 1]);
});
